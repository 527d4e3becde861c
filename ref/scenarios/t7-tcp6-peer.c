#line 1144 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "tower.h"

static tw_future *done;

struct echo { tw_protocol base; tw_transport *transport; char data[256]; size_t n; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    struct echo *e = (struct echo *)p;
    char host[TW_ADDRSTRLEN];
    int fd = (int)tw_transport_get_extra_info(t, "socket", TW_NONE).i, family = 0;
    socklen_t len = sizeof family;
    e->transport = t;
    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len);
    printf("socket family is AF_INET6: %s\n", tw_bool_str(family == AF_INET6));
    printf("sockname host: %s\n",
           tw_sockaddr_host(tw_transport_get_extra_info(t, "sockname", TW_NONE).p, host));
    printf("peername host: %s\n",
           tw_sockaddr_host(tw_transport_get_extra_info(t, "peername", TW_NONE).p, host));
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    struct echo *e = (struct echo *)p;
    if (e->n + n <= sizeof e->data) {
        memcpy(e->data + e->n, data, n);
        e->n += n;
    }
    return tw_transport_write(e->transport, data, n);
}

static tw_error *echo_eof(tw_protocol *p, bool *keep_open)
{
    struct echo *e = (struct echo *)p;
    (void)keep_open;
    printf("echoed %zu bytes: %.*s\n", e->n, (int)e->n, e->data);
    return NULL;
}

static tw_error *echo_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(done, TW_NONE);
}

static const tw_protocol_class echo_class = {
    .name = "Echo", .connection_made = echo_made, .data_received = echo_data,
    .eof_received = echo_eof, .connection_lost = echo_lost,
};

static tw_protocol *echo_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&echo_class, sizeof(struct echo));
}

struct main_frame { tw_coro co; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char host[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    done = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, echo_factory, NULL, "::1",
                                  atoi(getenv("TOWER_PORT")), NULL));
    f->server = TW_RESULT(co).p;
    printf("Serving on %s\n", tw_sockaddr_host(tw_server_sockname(f->server, 0), host));
    TW_AWAIT(co, tw_ref(done));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(done);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("TOWER_PORT") == NULL) {
        fprintf(stderr, "TOWER_PORT is not set\n");
        return 2;
    }
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
