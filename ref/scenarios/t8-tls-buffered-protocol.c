#line 2310 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static const char reply[] = "0123456789abcdefghijklmnopqrstuvwxyz!?\n";
static tw_ssl_context *server_ctx, *client_ctx;
static tw_future *got, *client_lost, *server_lost;
static char server_saw[64];

struct server { tw_protocol base; tw_transport *transport; };

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    ((struct server *)p)->transport = t;
    return NULL;
}

static tw_error *server_data(tw_protocol *p, const void *data, size_t n)
{
    (void)data;
    (void)n;
    return tw_transport_write(((struct server *)p)->transport, reply, sizeof reply - 1);
}

static tw_error *server_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    strcat(server_saw, "eof_received, ");
    return NULL;
}

static tw_error *server_lost_cb(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(server_lost, TW_STR(exc ? tw_error_str(exc) : "None"));
}

struct client {
    tw_protocol base;
    char buffer[16], data[64], sizes[64];
    size_t len, calls;
};

static tw_error *client_get_buffer(tw_protocol *p, long sizehint, void **buf, size_t *len)
{
    (void)sizehint;
    *buf = ((struct client *)p)->buffer;
    *len = sizeof ((struct client *)p)->buffer;
    return NULL;
}

static tw_error *client_updated(tw_protocol *p, size_t n)
{
    struct client *c = (struct client *)p;
    size_t at = strlen(c->sizes);
    snprintf(c->sizes + at, sizeof c->sizes - at, "%s%zu", c->calls++ ? ", " : "", n);
    memcpy(c->data + c->len, c->buffer, n);
    c->len += n;
    if (c->len == sizeof reply - 1)
        return tw_future_set_result(got, TW_NONE);
    return NULL;
}

static tw_error *client_lost_cb(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(client_lost, TW_STR(exc ? tw_error_str(exc) : "None"));
}

static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = server_made, .data_received = server_data,
    .eof_received = server_eof, .connection_lost = server_lost_cb,
};
static const tw_protocol_class client_class = {
    .name = "Client", .kind = TW_PROTOCOL_BUFFERED, .get_buffer = client_get_buffer,
    .buffer_updated = client_updated, .connection_lost = client_lost_cb,
};

static tw_protocol *server_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&server_class, sizeof(struct server));
}

static tw_protocol *client_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&client_class, sizeof(struct client));
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *t; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options tls = { .ssl = client_ctx };
    struct client *c;
    size_t low, high;
    TW_BEGIN(co);
    got = tw_future_new(loop);
    client_lost = tw_future_new(loop);
    server_lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, server_factory, NULL, "127.0.0.1", 0, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection_tls(loop, client_factory, NULL, "localhost",
                                          tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                          &tls));
    f->t = TW_RESULT(co).p;
    c = (struct client *)tw_transport_get_protocol(f->t);
    tw_transport_pause_reading(f->t);
    printf("client: is_reading after pause_reading: %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)));
    tw_transport_write(f->t, "send\n", 5);
    TW_AWAIT(co, tw_sleep(0.1));
    c = (struct client *)tw_transport_get_protocol(f->t);
    printf("client: buffer_updated calls while paused: %zu\n", c->calls);
    tw_transport_resume_reading(f->t);
    TW_AWAIT(co, tw_ref(got));
    c = (struct client *)tw_transport_get_protocol(f->t);
    printf("client: buffer_updated sizes [%s]: %.*s\n", c->sizes, (int)c->len - 1, c->data);
    tw_unref(tw_transport_set_write_buffer_limits(f->t, 100, TW_LIMIT_DEFAULT));
    tw_transport_get_write_buffer_limits(f->t, &low, &high);
    printf("client: write buffer limits (%zu, %zu)\n", low, high);
    tw_transport_abort(f->t);
    tw_transport_write(f->t, "dropped", 7);
    printf("client: is_closing after abort: %s\n", tw_bool_str(tw_transport_is_closing(f->t)));
    TW_AWAIT(co, tw_ref(client_lost));
    printf("client: connection_lost(%s)\n", TW_RESULT(co).s);
    TW_AWAIT(co, tw_ref(server_lost));
    printf("server: %sconnection_lost(%s)\n", server_saw, TW_RESULT(co).s);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(got);
    tw_unref(client_lost);
    tw_unref(server_lost);
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
