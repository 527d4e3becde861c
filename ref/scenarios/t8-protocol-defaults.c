#line 2906 "chapters/tier8-examples.nw"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { CHUNK = 65536, CHUNKS = 64 };

static void report(tw_loop *loop, const tw_context *context, void *data)
{
    (void)loop;
    (void)data;
    printf("exception handler: %s\n", context->message);
}

struct only_lost { tw_protocol base; tw_future *lost; };

static tw_error *only_lost(tw_protocol *p, tw_error *exc)
{
    return tw_future_set_result(((struct only_lost *)p)->lost,
                                TW_STR(exc ? tw_error_str(exc) : "None"));
}

static void only_lost_destroy(tw_protocol *p)
{
    tw_unref(((struct only_lost *)p)->lost);
}

/* The same two callbacks make a stream protocol and a subprocess one. */
static const tw_protocol_class stream_class = {
    .name = "OnlyLost", .connection_lost = only_lost, .destroy = only_lost_destroy,
};
static const tw_protocol_class subprocess_class = {
    .name = "OnlyLost", .kind = TW_PROTOCOL_SUBPROCESS,
    .connection_lost = only_lost, .destroy = only_lost_destroy,
};

static tw_protocol *only_lost_new(const tw_protocol_class *cls)
{
    struct only_lost *p = tw_protocol_new(cls, sizeof *p);
    p->lost = tw_future_new(tw_get_running_loop());
    return &p->base;
}

static tw_protocol *stream_factory(void *arg)
{
    (void)arg;
    return only_lost_new(&stream_class);
}

static tw_future *lost_of(tw_transport *t)
{
    return tw_ref(((struct only_lost *)tw_transport_get_protocol(t))->lost);
}

struct stream_frame { tw_coro co; int sv[2]; tw_transport *t; size_t received; char *inbox; };

static void stream_cleanup(tw_coro *co)
{
    struct stream_frame *f = (struct stream_frame *)co;
    free(f->inbox);
    if (f->t)
        tw_unref(f->t);
}

static tw_step stream_body(tw_coro *co)
{
    static const char dropped[] = "dropped by the default data_received";
    struct stream_frame *f = (struct stream_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, stream_factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    f->inbox = malloc(1 << 20);
    tw_unref(tw_transport_set_write_buffer_limits(f->t, 4096, TW_LIMIT_DEFAULT));
    memset(f->inbox, 'w', CHUNK);
    for (int i = 0; i < CHUNKS; i++)
        tw_unref(tw_transport_write(f->t, f->inbox, CHUNK));
    printf("stream: 4 MiB written past the high mark: buffered %s, closing %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(f->t) > 4096),
           tw_bool_str(tw_transport_is_closing(f->t)));
    while (f->received < (size_t)CHUNKS * CHUNK) {
        TW_AWAIT(co, tw_sock_recv(loop, f->sv[1], f->inbox, 1 << 20));
        f->received += (size_t)TW_RESULT(co).i;
    }
    printf("stream: the peer read all of it: %zu, buffered now %zu\n",
           f->received, tw_transport_get_write_buffer_size(f->t));
    TW_AWAIT(co, tw_sock_sendall(loop, f->sv[1], dropped, sizeof dropped - 1));
    shutdown(f->sv[1], SHUT_WR);
    TW_AWAIT(co, lost_of(f->t));
    printf("stream: the peer's end of file closes the transport: connection_lost(%s), closing %s\n",
           TW_RESULT(co).s, tw_bool_str(tw_transport_is_closing(f->t)));
    TW_AWAIT(co, tw_sock_recv(loop, f->sv[1], f->inbox, 100));
    printf("stream: the peer reads end of file: %s\n", TW_RESULT(co).i == 0 ? "b''" : "data");
    close(f->sv[1]);
    TW_END(co);
}

static tw_future *inbox;
static char received[64];

static tw_error *only_received(tw_protocol *p, const void *data, size_t n, const tw_sockaddr *addr)
{
    (void)p;
    (void)addr;
    if (tw_future_done(inbox))
        return NULL;
    snprintf(received, sizeof received, "%.*s", (int)n, (const char *)data);
    return tw_future_set_result(inbox, TW_STR(received));
}

static const tw_protocol_class datagram_class = {
    .name = "OnlyReceived", .kind = TW_PROTOCOL_DATAGRAM, .datagram_received = only_received,
};

static tw_protocol *datagram_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&datagram_class, sizeof(tw_protocol));
}

struct datagram_frame { tw_coro co; tw_transport *t; int answerer; tw_sockaddr address; };

static void datagram_cleanup(tw_coro *co)
{
    struct datagram_frame *f = (struct datagram_frame *)co;
    if (f->t)
        tw_unref(f->t);
    if (f->answerer >= 0)
        close(f->answerer);
}

static tw_step datagram_body(tw_coro *co)
{
    struct datagram_frame *f = (struct datagram_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    const tw_sockaddr *ours;
    int spare;
    TW_BEGIN(co);
    /* An address where nothing listens: bound, then closed. */
    f->address.len = sizeof f->address.u.in4;
    f->address.u.in4 = (struct sockaddr_in){ .sin_family = AF_INET,
                                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    spare = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    bind(spare, &f->address.u.sa, f->address.len);
    getsockname(spare, &f->address.u.sa, &f->address.len);
    close(spare);
    inbox = tw_future_new(loop);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, datagram_factory, NULL,
        &(tw_datagram_options){ .remote_host = "127.0.0.1",
                                .remote_port = tw_sockaddr_port(&f->address) }));
    f->t = TW_RESULT(co).p;
    tw_unref(tw_transport_sendto(f->t, "nobody listens", 14, NULL));
    /* Something listens at the address now, and answers. */
    f->answerer = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    bind(f->answerer, &f->address.u.sa, f->address.len);
    ours = tw_transport_get_extra_info(f->t, "sockname", TW_NONE).p;
    sendto(f->answerer, "an answer", 9, 0, &ours->u.sa, ours->len);
    TW_AWAIT(co, tw_ref(inbox));
    printf("datagram: after the refused datagram: b'%s', closing %s\n",
           TW_RESULT(co).s, tw_bool_str(tw_transport_is_closing(f->t)));
    tw_unref(inbox);
    tw_transport_close(f->t);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

struct subprocess_frame { tw_coro co; tw_transport *t; };

static void subprocess_cleanup(tw_coro *co)
{
    struct subprocess_frame *f = (struct subprocess_frame *)co;
    if (f->t)
        tw_unref(f->t);
}

static tw_step subprocess_body(tw_coro *co)
{
    static const char *const argv[] = {
        "/bin/sh", "-c", "echo out; echo err >&2; exit 3", NULL,
    };
    static const tw_subprocess_options pipes = {
        .std_in = TW_PIPE, .std_out = TW_PIPE, .std_err = TW_PIPE,
    };
    struct subprocess_frame *f = (struct subprocess_frame *)co;
    tw_protocol *p;
    tw_error *err;
    int code = 0;
    TW_BEGIN(co);
    p = only_lost_new(&subprocess_class);
    err = tw_loop_subprocess_exec(tw_get_running_loop(), p, argv, &pipes, &f->t);
    tw_unref(p);
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, lost_of(f->t));
    tw_subprocess_transport_get_returncode(f->t, &code);
    printf("subprocess: connection_lost(%s), returncode %d\n", TW_RESULT(co).s, code);
    tw_transport_close(f->t);
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    tw_coro *part;
    TW_BEGIN(co);
    tw_loop_set_exception_handler(tw_get_running_loop(), report, NULL);
    part = tw_coro_new(stream_body, sizeof(struct stream_frame));
    part->cleanup = stream_cleanup;
    TW_AWAIT(co, part);
    part = tw_coro_new(datagram_body, sizeof(struct datagram_frame));
    part->cleanup = datagram_cleanup;
    ((struct datagram_frame *)part)->answerer = -1;
    TW_AWAIT(co, part);
    part = tw_coro_new(subprocess_body, sizeof(struct subprocess_frame));
    part->cleanup = subprocess_cleanup;
    TW_AWAIT(co, part);
    printf("the exception handler was never called\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
