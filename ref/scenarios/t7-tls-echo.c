#line 1882 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_ssl_context *server_ctx, *client_ctx;
static tw_future *got, *server_lost, *client_lost;

struct echo { tw_protocol base; tw_transport *transport; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    ((struct echo *)p)->transport = t;
    printf("server: connection_made\n");
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    printf("server: received %.*s\n", (int)n - 1, (const char *)data);
    return tw_transport_write(((struct echo *)p)->transport, data, n);
}

static tw_error *echo_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    printf("server: eof_received\n");
    return NULL;
}

static tw_error *echo_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("server: connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(server_lost, TW_NONE);
}

static tw_error *client_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    printf("client: connection_made\n");
    return NULL;
}

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    return tw_future_set_result(got, TW_PTR(tw_bytes_new(data, n)));
}

static tw_error *client_lost_cb(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("client: connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(client_lost, TW_NONE);
}

static const tw_protocol_class echo_class = {
    .name = "Echo", .connection_made = echo_made, .data_received = echo_data,
    .eof_received = echo_eof, .connection_lost = echo_lost,
};
static const tw_protocol_class client_class = {
    .name = "Client", .connection_made = client_made, .data_received = client_data,
    .connection_lost = client_lost_cb,
};

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(struct echo));
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *t;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options tls = { .ssl = client_ctx };
    tw_bytes *b;
    TW_BEGIN(co);
    got = tw_future_new(loop);
    server_lost = tw_future_new(loop);
    client_lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&echo_class, "127.0.0.1", 0, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection_tls(loop, factory, (void *)&client_class, "localhost",
                                          tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                          &tls));
    f->t = TW_RESULT(co).p;
    printf("client: create_connection returned\n");
    printf("client: can_write_eof %s\n", tw_bool_str(tw_transport_can_write_eof(f->t)));
    tw_transport_write(f->t, "hello over TLS\n", 15);
    TW_AWAIT(co, tw_ref(got));
    b = TW_RESULT(co).p;
    printf("client: received %.*s\n", (int)b->len - 1, (const char *)b->data);
    tw_bytes_free(b);
    tw_transport_close(f->t);
    printf("client: is_closing %s\n", tw_bool_str(tw_transport_is_closing(f->t)));
    TW_AWAIT(co, tw_ref(client_lost));
    TW_AWAIT(co, tw_ref(server_lost));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->t);
    tw_unref(got);
    tw_unref(server_lost);
    tw_unref(client_lost);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key",
                                         &server_ctx))
        || (err = tw_ssl_context_new_client("../certs/ca.pem", &client_ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(server_ctx);
    tw_unref(client_ctx);
    return tw_report_uncaught(err);
}
