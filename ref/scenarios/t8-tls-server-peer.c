#line 2090 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <openssl/ssl.h>
#include "tower.h"

static tw_ssl_context *tls_ctx;
static tw_future *lost;

struct echo { tw_protocol base; tw_transport *transport; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    ((struct echo *)p)->transport = t;
    printf("connection_made, TLS: %s\n",
           SSL_get_version(tw_transport_get_extra_info(t, "ssl_object", TW_NONE).p));
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    printf("received %.*s\n", (int)n - 1, (const char *)data);
    return tw_transport_write(((struct echo *)p)->transport, data, n);
}

static tw_error *echo_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    printf("eof_received\n");
    return NULL;
}

static tw_error *echo_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class echo_class = {
    .name = "Echo", .connection_made = echo_made, .data_received = echo_data,
    .eof_received = echo_eof, .connection_lost = echo_lost,
};

static tw_protocol *factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&echo_class, sizeof(struct echo));
}

struct main_frame { tw_coro co; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = tls_ctx } };
    TW_BEGIN(co);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, NULL, "127.0.0.1",
                                  atoi(getenv("TOWER_PORT")), &opt));
    f->server = TW_RESULT(co).p;
    printf("Serving on 127.0.0.1\n");
    TW_AWAIT(co, tw_ref(lost));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(lost);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("TOWER_PORT") == NULL) {
        fprintf(stderr, "TOWER_PORT is not set\n");
        return 2;
    }
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key", &tls_ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(tls_ctx);
    return tw_report_uncaught(err);
}
