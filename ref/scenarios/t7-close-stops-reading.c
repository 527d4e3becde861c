#line 754 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

enum { SIZE = 32 * 1024 * 1024 };

static tw_future *made, *server_lost, *client_lost;

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    return tw_future_set_result(made, TW_PTR(tw_ref(t)));
}

static tw_error *server_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    (void)data;
    printf("server: data_received %zu bytes\n", n);
    return NULL;
}

static tw_error *server_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    printf("server: eof_received\n");
    return NULL;
}

static tw_error *server_lost_cb(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("server: connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(server_lost, TW_NONE);
}

static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = server_made, .data_received = server_data,
    .eof_received = server_eof, .connection_lost = server_lost_cb,
};

struct client { tw_protocol base; size_t received; bool eof; const char *lost; };

static tw_error *client_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    tw_transport_pause_reading(t);
    return NULL;
}

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    (void)data;
    ((struct client *)p)->received += n;
    return NULL;
}

static tw_error *client_eof(tw_protocol *p, bool *keep_open)
{
    (void)keep_open;
    ((struct client *)p)->eof = true;
    return NULL;
}

static tw_error *client_lost_cb(tw_protocol *p, tw_error *exc)
{
    ((struct client *)p)->lost = exc ? "an error" : "None";
    return tw_future_set_result(client_lost, TW_NONE);
}

static const tw_protocol_class client_class = {
    .name = "Client", .connection_made = client_made, .data_received = client_data,
    .eof_received = client_eof, .connection_lost = client_lost_cb,
};

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, cls == &client_class ? sizeof(struct client)
                                                     : sizeof(tw_protocol));
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *client, *transport;
    char *payload;
};

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->payload);
    tw_unref(f->client);
    tw_unref(f->transport);
    tw_unref(f->server);
    tw_unref(made);
    tw_unref(server_lost);
    tw_unref(client_lost);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct client *proto;
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    made = tw_future_new(loop);
    server_lost = tw_future_new(loop);
    client_lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&server_class, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, factory, (void *)&client_class, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->client = TW_RESULT(co).p;
    TW_AWAIT(co, tw_ref(made));
    f->transport = TW_RESULT(co).p;
    f->payload = malloc(SIZE);
    for (size_t i = 0; i < SIZE; i++)
        f->payload[i] = 'x';
    tw_transport_write(f->transport, f->payload, SIZE);
    printf("server: buffered after write: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(f->transport) > 0));
    tw_transport_close(f->transport);
    printf("server: closed\n");
    tw_unref(tw_transport_write_eof(f->client));
    printf("client: write_eof\n");
    tw_transport_resume_reading(f->client);
    TW_AWAIT(co, tw_ref(server_lost));
    TW_AWAIT(co, tw_ref(client_lost));
    proto = (struct client *)tw_transport_get_protocol(f->client);
    printf("client: received %zu bytes, eof_received %s, connection_lost(%s)\n",
           proto->received, tw_bool_str(proto->eof), proto->lost);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
