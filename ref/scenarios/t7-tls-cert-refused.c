#line 2024 "chapters/tier7-examples.nw"
#include <stdio.h>
#include "tower.h"

static int made;

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    made++;
    return NULL;
}

static const tw_protocol_class server_class = { .name = "Server", .connection_made = server_made };
static const tw_protocol_class client_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(tw_protocol)); }

struct attempt_frame {
    tw_coro co;
    const char *label;
    tw_ssl_context *server_ctx, *client_ctx;
    tw_server *server;
    tw_error *err;
};

static void attempt_cleanup(tw_coro *co)
{
    struct attempt_frame *f = (struct attempt_frame *)co;
    tw_unref(f->server_ctx);
    tw_unref(f->client_ctx);
    tw_unref(f->server);
    tw_unref(f->err);
}

static tw_step attempt_body(tw_coro *co)
{
    struct attempt_frame *f = (struct attempt_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = f->server_ctx } };
    tw_tls_options tls = { .ssl = f->client_ctx };
    TW_BEGIN(co);
    if (f->err) {
        tw_error *e = f->err;
        f->err = NULL;
        TW_RAISE(co, e);
    }
    made = 0;
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&server_class, "127.0.0.1", 0, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_create_connection_tls(loop, factory, (void *)&client_class, "localhost",
                                              tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                              &tls));
    if (TW_ERROR(co)) {
        printf("%s: %s: %s\n", f->label, tw_error_type(TW_ERROR(co)),
               tw_error_message(TW_ERROR(co)));
        printf("%s: is an OSError: %s\n", f->label,
               tw_bool_str(tw_error_is(TW_ERROR(co), TW_ERR_OS)));
        tw_unref(TW_TAKE_ERROR(co));
    } else
        tw_unref((tw_transport *)TW_RESULT(co).p);
    TW_AWAIT(co, tw_sleep(0.1));
    printf("%s: server connection_made calls: %d\n", f->label, made);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

static tw_coro *attempt(const char *label, const char *server, const char *ca)
{
    struct attempt_frame *f = tw_coro_new(attempt_body, sizeof *f);
    char cert[64], key[64];
    tw_error *err;
    f->co.cleanup = attempt_cleanup;
    f->label = label;
    snprintf(cert, sizeof cert, "../certs/%s.pem", server);
    snprintf(key, sizeof key, "../certs/%s.key", server);
    if ((err = tw_ssl_context_new_server(cert, key, &f->server_ctx)) == NULL)
        err = tw_ssl_context_new_client(ca, &f->client_ctx);
    f->err = err;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, attempt("unknown CA", "server", "../certs/other-ca.pem"));
    TW_AWAIT(co, attempt("wrong host", "wronghost", "../certs/ca.pem"));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
