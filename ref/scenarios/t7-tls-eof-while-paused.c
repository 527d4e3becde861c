#line 2419 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <sys/socket.h>
#include "tower.h"

static tw_ssl_context *server_ctx, *client_ctx;
static tw_future *made, *lost;

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    tw_transport_pause_reading(t);
    printf("server: connection_made, reading paused\n");
    return tw_future_set_result(made, TW_PTR(tw_ref(t)));
}

static tw_error *server_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    printf("server: received %.*s\n", (int)n - 1, (const char *)data);
    return NULL;
}

static tw_error *server_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    printf("server: eof_received\n");
    return NULL;
}

static tw_error *server_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("server: connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = server_made, .data_received = server_data,
    .eof_received = server_eof, .connection_lost = server_lost,
};
static const tw_protocol_class client_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(tw_protocol)); }

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *client, *transport;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options tls = { .ssl = client_ctx };
    TW_BEGIN(co);
    made = tw_future_new(loop);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&server_class, "127.0.0.1", 0, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection_tls(loop, factory, (void *)&client_class, "localhost",
                                          tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                          &tls));
    f->client = TW_RESULT(co).p;
    TW_AWAIT(co, tw_ref(made));
    f->transport = TW_RESULT(co).p;
    tw_transport_write(f->client, "last words\n", 11);
    shutdown((int)tw_transport_get_extra_info(f->client, "socket", TW_INT(-1)).i, SHUT_WR);
    printf("client: socket shut for writing (no close_notify)\n");
    TW_AWAIT(co, tw_sleep(0.1));
    printf("server: is_reading() = %s; resume_reading()\n",
           tw_transport_is_reading(f->transport) ? "True" : "False");
    tw_transport_resume_reading(f->transport);
    TW_AWAIT(co, tw_ref(lost));
    tw_transport_close(f->client);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->transport);
    tw_unref(f->client);
    tw_unref(f->server);
    tw_unref(made);
    tw_unref(lost);
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
