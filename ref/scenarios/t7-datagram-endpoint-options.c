#line 3514 "chapters/tier7-examples.nw"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

struct inbox {
    tw_protocol base;
    tw_future *got;
    char data[64];
    size_t n;
    tw_sockaddr from;
};

static tw_error *inbox_datagram(tw_protocol *p, const void *data, size_t n,
                                const tw_sockaddr *addr)
{
    struct inbox *in = (struct inbox *)p;
    if (!tw_future_done(in->got)) {
        in->n = n < sizeof in->data ? n : sizeof in->data;
        memcpy(in->data, data, in->n);
        in->from = *addr;
        tw_future_set_result(in->got, TW_NONE);
    }
    return NULL;
}

static void inbox_destroy(tw_protocol *p)
{
    tw_unref(((struct inbox *)p)->got);
}

static const tw_protocol_class inbox_class = {
    .name = "Inbox", .kind = TW_PROTOCOL_DATAGRAM, .datagram_received = inbox_datagram,
    .destroy = inbox_destroy,
};

static tw_protocol *inbox_factory(void *arg)
{
    struct inbox *in = tw_protocol_new(&inbox_class, sizeof *in);
    (void)arg;
    in->got = tw_future_new(tw_get_running_loop());
    return &in->base;
}

static bool option(tw_transport *t, int name)
{
    int value = 0;
    socklen_t len = sizeof value;
    getsockopt((int)tw_transport_get_extra_info(t, "socket", TW_INT(-1)).i, SOL_SOCKET, name,
               &value, &len);
    return value != 0;
}

static const tw_sockaddr *sockname(tw_transport *t)
{
    return tw_transport_get_extra_info(t, "sockname", TW_NONE).p;
}

struct main_frame {
    tw_coro co;
    tw_transport *a, *b, *c, *d;
    tw_sockaddr addr, own;
    char host[TW_ADDRSTRLEN];
    int sock, other, stream;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .local_host = "127.0.0.1", .reuse_port = true }));
    f->a = TW_RESULT(co).p;
    f->addr = *sockname(f->a);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .local_host = tw_sockaddr_host(&f->addr, f->host),
                                .local_port = tw_sockaddr_port(&f->addr), .reuse_port = true }));
    f->b = TW_RESULT(co).p;
    printf("reuse_port: two endpoints bound to one address: %s, SO_REUSEPORT set: %s\n",
           tw_bool_str(tw_sockaddr_equal(sockname(f->b), &f->addr)),
           tw_bool_str(option(f->a, SO_REUSEPORT) && option(f->b, SO_REUSEPORT)));
    TW_AWAIT_TRY(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .local_host = f->host, .local_port = tw_sockaddr_port(&f->addr) }));
    if (TW_ERROR(co) == NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "a second bind without reuse_port worked"));
    printf("without reuse_port the address is in use: %s\n",
           tw_bool_str(tw_os_error_errno(TW_ERROR(co)) == EADDRINUSE));

    TW_AWAIT(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .local_host = "127.0.0.1", .allow_broadcast = true }));
    f->c = TW_RESULT(co).p;
    printf("allow_broadcast: SO_BROADCAST set: %s\n", tw_bool_str(option(f->c, SO_BROADCAST)));

    f->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    f->own.len = sizeof f->own.u.in4;
    f->own.u.in4.sin_family = AF_INET;
    f->own.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(f->sock, &f->own.u.sa, f->own.len);
    f->own.len = sizeof f->own.u;
    getsockname(f->sock, &f->own.u.sa, &f->own.len);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .use_sock = true, .sock = f->sock }));
    f->d = TW_RESULT(co).p;
    printf("sock: the endpoint uses it: %s\n", tw_bool_str(tw_sockaddr_equal(sockname(f->d), &f->own)));
    tw_transport_sendto(f->d, "from the socket passed in", 25, sockname(f->c));
    TW_AWAIT(co, tw_ref(((struct inbox *)tw_transport_get_protocol(f->c))->got));
    {
        struct inbox *in = (struct inbox *)tw_transport_get_protocol(f->c);
        printf("received b'%.*s' from it: %s\n", (int)in->n, in->data,
               tw_bool_str(tw_sockaddr_equal(&in->from, &f->own)));
    }
    tw_transport_close(f->a);
    tw_transport_close(f->b);
    tw_transport_close(f->c);
    tw_transport_close(f->d);
    TW_AWAIT(co, tw_sleep(0));
    printf("closing the endpoint closed the socket: %s\n",
           tw_bool_str(fcntl(f->sock, F_GETFD) < 0 && errno == EBADF));
    tw_unref(f->a);
    tw_unref(f->b);
    tw_unref(f->c);
    tw_unref(f->d);

    f->other = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    TW_AWAIT_TRY(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .use_sock = true, .sock = f->other, .local_host = "127.0.0.1" }));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        puts("sock with local_addr: ValueError");
    f->stream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    TW_AWAIT_TRY(co, tw_create_datagram_endpoint(loop, inbox_factory, NULL,
        &(tw_datagram_options){ .use_sock = true, .sock = f->stream }));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        puts("a stream socket: ValueError");
    close(f->other);
    close(f->stream);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
