#line 3246 "chapters/tier7-examples.nw"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tower.h"

#define LINES 100
#define LINE 21

static tw_error *received(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    printf("  the protocol received b'%.*s'\n", (int)n, (const char *)data);
    return NULL;
}

static const tw_protocol_class receiver_class = { .name = "Receiver",
                                                  .data_received = received };
static const tw_protocol_class plain_class = { .name = "DatagramProtocol",
                                               .kind = TW_PROTOCOL_DATAGRAM };

static tw_protocol *factory(void *arg)
{
    return tw_protocol_new(arg, sizeof(tw_protocol));
}

/* The peer's end stays blocking: what loop.sendfile sent is in the kernel
   when it returns, and MSG_WAITALL takes it. */
static size_t peer_recv(int fd, char *buf, size_t n)
{
    ssize_t k = recv(fd, buf, n, MSG_WAITALL);
    return k < 0 ? 0 : (size_t)k;
}

static void say_error(const char *what, tw_coro *co, bool cut)
{
    tw_error *e = TW_TAKE_ERROR(co);
    const char *msg = tw_error_str(e), *end = cut ? strstr(msg, " <") : NULL;
    printf("%s: %s: %.*s\n", what, tw_error_type(e), end ? (int)(end - msg) : (int)strlen(msg),
           msg);
    tw_unref(e);
}

struct main_frame {
    tw_coro co;
    int sv[2], pipe[2];
    FILE *tmp;
    tw_transport *t, *udp;
    char content[LINES * LINE + 1], got[LINES * LINE + 64];
    int64_t sent;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, factory, (void *)&receiver_class, NULL,
                                           f->sv[0]));
    f->t = TW_RESULT(co).p;
    for (int i = 0; i < LINES; i++)
        snprintf(f->content + i * LINE, LINE + 1, "line %03u of the file\n", (unsigned)i % 1000u);
    f->tmp = tmpfile();
    fwrite(f->content, 1, LINES * LINE, f->tmp);
    fflush(f->tmp);
    rewind(f->tmp);
    tw_transport_write(f->t, "a header\n", 9);
    TW_AWAIT(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 0, 0, true));
    f->sent = TW_RESULT(co).i;
    tw_transport_write(f->t, "a trailer\n", 10);
    printf("whole file: sent %lld, in order: %s, position after: %lld\n", (long long)f->sent,
           tw_bool_str(peer_recv(f->sv[1], f->got, 9 + (size_t)f->sent + 10)
                       == 9 + LINES * LINE + 10
                       && memcmp(f->got, "a header\n", 9) == 0
                       && memcmp(f->got + 9, f->content, LINES * LINE) == 0
                       && memcmp(f->got + 9 + LINES * LINE, "a trailer\n", 10) == 0),
           (long long)lseek(fileno(f->tmp), 0, SEEK_CUR));

    TW_AWAIT(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 42, 21, true));
    f->sent = TW_RESULT(co).i;
    printf("offset=42 count=21: sent %lld, %.*s, position after: %lld\n", (long long)f->sent,
           (int)peer_recv(f->sv[1], f->got, (size_t)f->sent) - 1, f->got,
           (long long)lseek(fileno(f->tmp), 0, SEEK_CUR));
    printf("the transport reads again: %s\n", tw_bool_str(tw_transport_is_reading(f->t)));
    if (send(f->sv[1], "from the peer", 13, 0) != 13)
        abort();
    TW_AWAIT(co, tw_sleep(0.01));

    if (pipe2(f->pipe, O_CLOEXEC) < 0 || write(f->pipe[1], "through a pipe", 14) != 14)
        abort();
    TW_AWAIT_TRY(co, tw_loop_sendfile(loop, f->t, f->pipe[0], 0, 7, false));
    say_error("a pipe, fallback=False", co, false);
    TW_AWAIT_TRY(co, tw_loop_sendfile(loop, f->t, f->pipe[0], 0, 7, true));
    say_error("a pipe, fallback=True", co, false);
    printf("  the peer received b'%.*s'\n", (int)peer_recv(f->sv[1], f->got, 7), f->got);
    close(f->pipe[0]);
    close(f->pipe[1]);

    TW_AWAIT_TRY(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 0, -1, true));
    say_error("count=-1", co, false);

    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&plain_class,
        &(tw_datagram_options){ .local_host = "127.0.0.1" }));
    f->udp = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_loop_sendfile(loop, f->udp, fileno(f->tmp), 0, 0, true));
    say_error("a datagram transport", co, true);
    tw_transport_close(f->udp);

    tw_transport_close(f->t);
    TW_AWAIT_TRY(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 0, 0, true));
    say_error("a closing transport", co, false);
    TW_AWAIT(co, tw_sleep(0));
    fclose(f->tmp);
    close(f->sv[1]);
    tw_unref(f->udp);
    tw_unref(f->t);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
