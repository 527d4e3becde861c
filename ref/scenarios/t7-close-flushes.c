#line 912 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

enum { SIZE = 1024 * 1024 };

static tw_future *received, *lost;
static int client_calls;
static const char *client_argument;

struct sink { tw_protocol base; char *data; size_t n; };

static tw_error *sink_data(tw_protocol *p, const void *data, size_t n)
{
    struct sink *s = (struct sink *)p;
    if (s->n + n <= SIZE) {
        memcpy(s->data + s->n, data, n);
        s->n += n;
    }
    return NULL;
}

static tw_error *sink_eof(tw_protocol *p, bool *keep_open)
{
    (void)keep_open;
    return tw_future_set_result(received, TW_PTR(p));
}

static void sink_destroy(tw_protocol *p)
{
    free(((struct sink *)p)->data);
}

static const tw_protocol_class sink_class = {
    .name = "Sink", .data_received = sink_data, .eof_received = sink_eof,
    .destroy = sink_destroy,
};

static tw_protocol *sink_factory(void *keep)
{
    struct sink *s = tw_protocol_new(&sink_class, sizeof *s);
    s->data = malloc(SIZE);
    *(tw_protocol **)keep = tw_ref(&s->base);
    return &s->base;
}

static tw_error *client_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    if (client_calls++ == 0)
        client_argument = exc ? "an error" : "None";
    if (!tw_future_done(lost))
        tw_future_set_result(lost, TW_NONE);
    return NULL;
}

static const tw_protocol_class client_class = { .name = "Client", .connection_lost = client_lost };

static tw_protocol *client_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&client_class, sizeof(tw_protocol));
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *t;
    tw_protocol *sink;
    char *payload;
};

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->payload);
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(f->sink);
    tw_unref(received);
    tw_unref(lost);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct sink *sink;
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    received = tw_future_new(loop);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, sink_factory, &f->sink, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, client_factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    f->payload = malloc(SIZE);
    for (int i = 0; i < SIZE; i++)
        f->payload[i] = (char)(i % 251);
    printf("is_closing before close: %s\n", tw_bool_str(tw_transport_is_closing(f->t)));
    tw_transport_write(f->t, f->payload, SIZE);
    tw_transport_close(f->t);
    printf("is_closing right after close: %s\n",
           tw_bool_str(tw_transport_is_closing(f->t)));
    TW_AWAIT(co, tw_ref(received));
    TW_AWAIT(co, tw_ref(lost));
    TW_AWAIT(co, tw_sleep(0.01));
    sink = (struct sink *)f->sink;
    printf("server received %zu bytes, intact: %s\n", sink->n,
           tw_bool_str(sink->n == SIZE && memcmp(sink->data, f->payload, SIZE) == 0));
    printf("client connection_lost calls: %d, argument: %s\n", client_calls, client_argument);
    printf("is_closing after connection_lost: %s\n",
           tw_bool_str(tw_transport_is_closing(f->t)));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
