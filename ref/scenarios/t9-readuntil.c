#line 156 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

#line 15 "chapters/tier9-seed.nw"
/* show(b): the bytes a read returned as [text], \r and \n as escapes; frees them */
__attribute__((unused)) static const char *show(tw_value result, char *buf, size_t size)
{
    tw_bytes *b = result.p;
    size_t n = 0;
    buf[n++] = '[';
    for (size_t i = 0; i < b->len && n + 4 < size; i++) {
        if (b->data[i] == '\r' || b->data[i] == '\n') {
            buf[n++] = '\\';
            buf[n++] = b->data[i] == '\r' ? 'r' : 'n';
        } else
            buf[n++] = (char)b->data[i];
    }
    buf[n++] = ']';
    buf[n] = '\0';
    tw_bytes_free(b);
    return buf;
}

/* len() of the bytes a read returned; frees them */
__attribute__((unused)) static size_t length(tw_value result)
{
    size_t n = ((tw_bytes *)result.p)->len;
    tw_bytes_free(result.p);
    return n;
}
#line 54 "chapters/tier9-seed.nw"
struct pair { tw_stream_reader *reader; tw_stream_writer *writer; int peer; };

/* open_unix_connection(sock=ours) on a new socketpair whose other end is the
   peer's; queued bytes, if any, and their EOF are sent before the stream exists */
static tw_coro *open_pair(struct pair *p, const void *queued, size_t len, ptrdiff_t limit)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | (queued ? 0 : SOCK_NONBLOCK), 0, sv);
    p->peer = sv[1];
    if (queued) {
        for (size_t sent = 0; sent < len; ) {           /* peer.sendall(data) */
            ssize_t n = send(sv[1], (const char *)queued + sent, len - sent, 0);
            if (n <= 0)
                break;
            sent += (size_t)n;
        }
        shutdown(sv[1], SHUT_WR);
    }
    return tw_open_unix_connection(NULL, sv[0], limit, &p->reader, &p->writer);
}

/* writer.close(), and what await writer.wait_closed() awaits */
static tw_future *close_pair(struct pair *p)
{
    tw_stream_writer_close(p->writer);
    return tw_stream_writer_wait_closed(p->writer);
}

/* then the stream's references go, and peer.close() */
static void forget_pair(struct pair *p)
{
    tw_unref(p->writer);
    tw_unref(p->reader);
    close(p->peer);
}

#line 165 "chapters/tier9-examples.nw"
static const char *const seps[] = { "\r\n", "\r\n", "\r\n", ";", "END", "-OF-DATA" };
static const char *const pieces[] = { "first\r", "\nsec", "ond|", "|", "|third||" };

/* feed(): the pieces 10 ms apart, then EOF */
struct feed_frame { tw_coro co; int peer, i; };

static tw_step feed_body(tw_coro *co)
{
    struct feed_frame *f = (struct feed_frame *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 5; f->i++) {
        TW_AWAIT(co, tw_sock_sendall(tw_get_running_loop(), f->peer, pieces[f->i],
                                     strlen(pieces[f->i])));
        TW_AWAIT(co, tw_sleep(0.01));
    }
    shutdown(f->peer, SHUT_WR);
    TW_END(co);
}

struct main_frame { tw_coro co; struct pair s; int i; tw_task *feeder; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char request[] =
        "GET / HTTP/1.0\r\nHost: tower\r\n\r\nkey=value;END-OF-DATA line\nrest";
    char buf[64], sep[32];
    TW_BEGIN(co);
    TW_AWAIT(co, open_pair(&f->s, request, sizeof request - 1, TW_STREAM_LIMIT));
    for (f->i = 0; f->i < 6; f->i++) {
        TW_AWAIT(co, tw_stream_reader_readuntil(f->s.reader, seps[f->i], strlen(seps[f->i])));
        printf("readuntil(%s): ",
               show(TW_PTR(tw_bytes_new(seps[f->i], strlen(seps[f->i]))), sep, sizeof sep));
        printf("%s\n", show(TW_RESULT(co), buf, sizeof buf));
    }
    TW_AWAIT(co, tw_stream_reader_readuntil(f->s.reader, "\n", 1));
    printf("readuntil() stops at [\\n]: %s\n", show(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->s.reader, "", 0));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RERAISE(co);
    printf("readuntil(empty separator): ValueError\n");
    TW_CLEAR(co);
    TW_AWAIT(co, tw_stream_reader_read(f->s.reader, -1));
    printf("read(): %s\n", show(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);

    /* A separator split across two sends is still found. */
    TW_AWAIT(co, open_pair(&f->s, NULL, 0, TW_STREAM_LIMIT));
    {
        struct feed_frame *feed = tw_coro_new(feed_body, sizeof *feed);
        feed->peer = f->s.peer;
        f->feeder = tw_create_task(&feed->co, NULL);
    }
    TW_AWAIT(co, tw_stream_reader_readuntil(f->s.reader, "\r\n", 2));
    printf("readuntil([\\r\\n]) across sends: %s\n", show(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT(co, tw_stream_reader_readuntil(f->s.reader, "|||", 3));
    printf("readuntil([|||]) across sends: %s\n", show(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT(co, tw_stream_reader_readuntil(f->s.reader, "||", 2));
    printf("readuntil([||]): %s\n", show(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT(co, f->feeder);
    TW_AWAIT(co, tw_stream_reader_read(f->s.reader, -1));
    printf("read(): %s\n", show(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
