#line 1611 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static int made;

static tw_error *p_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    made++;
    tw_transport_write(t, "hi", 2);
    tw_transport_close(t);
    return NULL;
}

static const tw_protocol_class p_class = { .name = "P", .connection_made = p_made };

static tw_protocol *p_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&p_class, sizeof(tw_protocol));
}

struct reader { tw_protocol base; tw_future *eof, *closed; char data[64]; size_t n; };

static tw_error *r_data(tw_protocol *p, const void *data, size_t n)
{
    struct reader *r = (struct reader *)p;
    if (r->n + n <= sizeof r->data) {
        memcpy(r->data + r->n, data, n);
        r->n += n;
    }
    return NULL;
}

static tw_error *r_eof(tw_protocol *p, bool *keep_open)
{
    *keep_open = true;
    return tw_future_set_result(((struct reader *)p)->eof, TW_NONE);
}

static tw_error *r_lost(tw_protocol *p, tw_error *exc)
{
    (void)exc;
    return tw_future_set_result(((struct reader *)p)->closed, TW_NONE);
}

static void r_destroy(tw_protocol *p)
{
    tw_unref(((struct reader *)p)->eof);
    tw_unref(((struct reader *)p)->closed);
}

static const tw_protocol_class reader_class = {
    .name = "StreamReaderProtocol", .data_received = r_data, .eof_received = r_eof,
    .connection_lost = r_lost, .destroy = r_destroy,
};

static tw_protocol *reader_factory(void *loop)
{
    struct reader *r = tw_protocol_new(&reader_class, sizeof *r);
    r->eof = tw_future_new(loop);
    r->closed = tw_future_new(loop);
    return &r->base;
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *t; struct reader *r; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_server(loop, p_factory, NULL, "127.0.0.1", 0,
                                  &(tw_server_options){ .defer_serving = true }));
    f->server = TW_RESULT(co).p;
    printf("start_serving=False: is_serving %s, sockets %zu\n",
           tw_bool_str(tw_server_is_serving(f->server)), tw_server_nsockets(f->server));
    TW_AWAIT(co, tw_server_start_serving(f->server));
    printf("after start_serving(): is_serving %s\n", tw_bool_str(tw_server_is_serving(f->server)));
    TW_AWAIT(co, tw_server_start_serving(f->server));
    printf("start_serving() again is harmless: is_serving %s\n",
           tw_bool_str(tw_server_is_serving(f->server)));
    TW_AWAIT(co, tw_create_connection(loop, reader_factory, loop, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    f->r = (struct reader *)tw_transport_get_protocol(f->t);
    TW_AWAIT(co, tw_ref(f->r->eof));
    printf("client read: %.*s\n", (int)f->r->n, f->r->data);
    tw_transport_close(f->t);
    TW_AWAIT(co, tw_ref(f->r->closed));
    printf("protocols made: %d\n", made);
    printf("get_loop() is the running loop: %s\n",
           tw_bool_str(tw_server_get_loop(f->server) == loop));
    tw_server_close(f->server);
    printf("after close(): is_serving %s\n", tw_bool_str(tw_server_is_serving(f->server)));
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    printf("wait_closed returned\n");
    tw_unref(f->t);
    tw_unref(f->server);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
