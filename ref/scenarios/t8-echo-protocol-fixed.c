#line 23 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct echo { tw_protocol base; tw_future *done; tw_transport *transport; char got[256]; size_t n; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    char host[TW_ADDRSTRLEN];
    ((struct echo *)p)->transport = t;
    printf("👋 Connection from %s\n",
           tw_sockaddr_host(tw_transport_get_extra_info(t, "peername", TW_NONE).p, host));
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    struct echo *e = (struct echo *)p;
    if (e->n + n <= sizeof e->got) {
        memcpy(e->got + e->n, data, n);
        e->n += n;
    }
    return tw_transport_write(e->transport, data, n);
}

static tw_error *echo_eof(tw_protocol *p, bool *keep_open)
{
    struct echo *e = (struct echo *)p;
    (void)keep_open;                      /* false: the transport closes itself */
    printf("📥 Received: %.*s\n", (int)e->n, e->got);
    printf("📤 Sent: %.*s\n", (int)e->n, e->got);
    return NULL;
}

static tw_error *echo_lost(tw_protocol *p, tw_error *exc)
{
    (void)exc;
    printf("🔌 Connection closed\n");
    return tw_future_set_result(((struct echo *)p)->done, TW_NONE);
}

static const tw_protocol_class echo_class = {
    .name = "EchoProtocol", .connection_made = echo_made, .data_received = echo_data,
    .eof_received = echo_eof, .connection_lost = echo_lost,
};

static int served;

static tw_protocol *factory(void *done)
{
    struct echo *e = tw_protocol_new(&echo_class, sizeof *e);
    served++;
    e->done = done;
    return &e->base;
}

struct main_frame { tw_coro co; tw_future *done; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char host[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    f->done = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, f->done, "127.0.0.1",
                                  atoi(getenv("TOWER_PORT")), NULL));
    f->server = TW_RESULT(co).p;
    printf("🛑 Serving on %s\n", tw_sockaddr_host(tw_server_sockname(f->server, 0), host));
    TW_AWAIT(co, tw_ref(f->done));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    printf("🛑 Server closed after %d connection\n", served);
    tw_unref(f->server);
    tw_unref(f->done);
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
