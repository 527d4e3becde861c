#line 1553 "chapters/tier7-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_future *lost;

static tw_error *client_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    printf("connection_made, in clear\n");
    return NULL;
}

static tw_error *client_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("connection_lost: %s\n", exc ? tw_error_type(exc) : "None");
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class client_class = {
    .name = "Client", .connection_made = client_made, .connection_lost = client_lost,
};
static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(tw_protocol)); }

struct main_frame {
    tw_coro co;
    tw_ssl_context *server_ctx, *stranger_ctx;
    tw_server *server;
    tw_transport *transport;
};

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->server_ctx);
    tw_unref(f->stranger_ctx);
    tw_unref(f->server);
    tw_unref(f->transport);
    tw_unref(lost);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    f->co.cleanup = main_cleanup;
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key",
                                         &f->server_ctx)) != NULL
        || (err = tw_ssl_context_new_client("../certs/other-ca.pem", &f->stranger_ctx)) != NULL)
        TW_RAISE(co, err);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&plain_class, "127.0.0.1", 0,
                                  &(tw_server_options){ .tls = { .ssl = f->server_ctx } }));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, factory, (void *)&client_class, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->transport = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_start_tls(loop, f->transport, tw_transport_get_protocol(f->transport),
                                  false, &(tw_tls_options){ .ssl = f->stranger_ctx,
                                                            .server_hostname = "localhost" }));
    if (TW_ERROR(co)) {
        printf("start_tls: %s: %s\n", tw_error_type(TW_ERROR(co)), tw_error_message(TW_ERROR(co)));
        TW_CLEAR(co);
    } else
        tw_unref((tw_transport *)TW_RESULT(co).p);
    TW_AWAIT(co, tw_ref(lost));
    printf("the clear transport is closing: %s\n",
           tw_bool_str(tw_transport_is_closing(f->transport)));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
