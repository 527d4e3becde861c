#line 1780 "chapters/tier7-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_future *hello, *lost;

static tw_error *silent_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    (void)data;
    (void)n;
    if (!tw_future_done(hello)) {
        printf("server: the client's handshake begins\n");
        tw_future_set_result(hello, TW_NONE);
    }
    return NULL;
}

static tw_error *silent_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    *keep_open = false;
    printf("server: eof_received\n");
    return NULL;
}

static tw_error *silent_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("server: connection_lost %s\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class silent_class = {
    .name = "Silent", .data_received = silent_data, .eof_received = silent_eof,
    .connection_lost = silent_lost,
};
static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(tw_protocol)); }

struct main_frame { tw_coro co; tw_ssl_context *ctx; tw_server *server; tw_task *task; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->ctx);
    tw_unref(f->server);
    tw_unref(hello);
    tw_unref(lost);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    f->co.cleanup = main_cleanup;
    hello = tw_future_new(loop);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&silent_class, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    if ((err = tw_ssl_context_new_client("../certs/ca.pem", &f->ctx)) != NULL)
        TW_RAISE(co, err);
    f->task = tw_create_task(tw_create_connection_tls(loop, factory, (void *)&plain_class,
        "127.0.0.1", tw_sockaddr_port(tw_server_sockname(f->server, 0)),
        &(tw_tls_options){ .ssl = f->ctx, .server_hostname = "localhost" }), NULL);
    TW_AWAIT(co, tw_ref(hello));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("create_connection cancelled during the handshake\n");
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    else
        tw_unref((tw_transport *)TW_RESULT(co).p);
    TW_CLEAR(co);
    TW_AWAIT(co, tw_ref(lost));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
