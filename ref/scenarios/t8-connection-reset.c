#line 1129 "chapters/tier8-examples.nw"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

#define MESSAGE "partial message"

static tw_future *lost, *got_all;

struct p { tw_protocol base; char data[64]; size_t n; };

static tw_error *p_data(tw_protocol *proto, const void *data, size_t n)
{
    struct p *p = (struct p *)proto;
    if (p->n + n <= sizeof p->data) {
        memcpy(p->data + p->n, data, n);
        p->n += n;
    }
    if (p->n == strlen(MESSAGE) && memcmp(p->data, MESSAGE, p->n) == 0)
        return tw_future_set_result(got_all, TW_NONE);
    return NULL;
}

static tw_error *p_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    printf("eof_received (not expected after a reset)\n");
    return NULL;
}

static tw_error *p_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(lost, TW_PTR(tw_ref(exc)));
}

static const tw_protocol_class p_class = {
    .name = "P", .data_received = p_data, .eof_received = p_eof, .connection_lost = p_lost,
};

static tw_protocol *factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&p_class, sizeof(struct p));
}

struct main_frame { tw_coro co; tw_server *server; int peer; tw_sockaddr addr; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct linger reset = { 1, 0 };
    tw_error *exc;
    TW_BEGIN(co);
    lost = tw_future_new(loop);
    got_all = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    f->peer = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    f->addr = *tw_server_sockname(f->server, 0);
    TW_AWAIT(co, tw_sock_connect(loop, f->peer, &f->addr));
    TW_AWAIT(co, tw_sock_sendall(loop, f->peer, MESSAGE, strlen(MESSAGE)));
    TW_AWAIT(co, tw_ref(got_all));
    setsockopt(f->peer, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    close(f->peer);
    TW_AWAIT(co, tw_ref(lost));
    exc = TW_RESULT(co).p;
    printf("connection_lost argument: %s\n", exc ? tw_error_type(exc) : "None");
    printf("is an OSError: %s\n", tw_bool_str(tw_error_is(exc, TW_ERR_OS)));
    tw_unref(exc);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(lost);
    tw_unref(got_all);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
