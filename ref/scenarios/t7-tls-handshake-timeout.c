#line 2132 "chapters/tier7-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_ssl_context *tls_ctx;
static tw_future *lost;

static tw_error *silent_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    printf("server: connection_made (plain TCP, never answers)\n");
    return NULL;
}

static tw_error *silent_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(lost, TW_STR(exc ? "error" : "None"));
}

static const tw_protocol_class silent_class = {
    .name = "Silent", .connection_made = silent_made, .connection_lost = silent_lost,
};
static const tw_protocol_class client_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(tw_protocol)); }

struct main_frame { tw_coro co; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_tls_options tls = { .ssl = tls_ctx, .ssl_handshake_timeout = 0.5 };
    TW_BEGIN(co);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&silent_class, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_create_connection_tls(loop, factory, (void *)&client_class, "localhost",
                                              tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                              &tls));
    if (TW_ERROR(co)) {
        printf("client: %s: %s\n", tw_error_type(TW_ERROR(co)), tw_error_message(TW_ERROR(co)));
        tw_unref(TW_TAKE_ERROR(co));
    } else
        tw_unref((tw_transport *)TW_RESULT(co).p);
    TW_AWAIT(co, tw_ref(lost));
    printf("server: connection_lost(%s)\n", TW_RESULT(co).s);
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
    if ((err = tw_ssl_context_new_client("../certs/ca.pem", &tls_ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(tls_ctx);
    return tw_report_uncaught(err);
}
