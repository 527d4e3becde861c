#line 23 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct sink { tw_protocol base; tw_future *done; char data[64]; size_t n; };

static tw_error *sink_data(tw_protocol *p, const void *data, size_t n)
{
    struct sink *s = (struct sink *)p;
    if (s->n + n <= sizeof s->data) {
        memcpy(s->data + s->n, data, n);
        s->n += n;
    }
    return NULL;
}

static tw_error *sink_eof(tw_protocol *p, bool *keep_open)
{
    struct sink *s = (struct sink *)p;
    (void)keep_open;
    printf("server received %zu bytes: %.*s\n", s->n, (int)s->n, s->data);
    printf("server saw EOF\n");
    return NULL;
}

static tw_error *sink_lost(tw_protocol *p, tw_error *exc)
{
    (void)exc;
    return tw_future_set_result(((struct sink *)p)->done, TW_NONE);
}

static const tw_protocol_class sink_class = {
    .name = "Sink", .data_received = sink_data, .eof_received = sink_eof,
    .connection_lost = sink_lost,
};

static tw_protocol *sink_factory(void *done)
{
    struct sink *s = tw_protocol_new(&sink_class, sizeof *s);
    s->done = done;
    return &s->base;
}

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; tw_future *done; tw_server *server; tw_transport *t; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->done = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, sink_factory, f->done, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, plain_factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    printf("can_write_eof: %s\n", tw_bool_str(tw_transport_can_write_eof(f->t)));
    tw_transport_write(f->t, "alpha ", 6);
    {
        struct iovec parts[] = { { "beta ", 5 }, { "gamma ", 6 }, { "delta", 5 } };
        tw_transport_writelines(f->t, parts, 3);
    }
    tw_transport_write(f->t, "", 0);
    tw_transport_write_eof(f->t);
    TW_AWAIT(co, tw_ref(f->done));
    tw_transport_close(f->t);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(f->done);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
