#line 774 "chapters/tier8-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_future *made, *lost;

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    printf("server: connection_made\n");
    return tw_future_set_result(made, TW_NONE);
}

static tw_error *server_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("server: connection_lost %s\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = server_made, .connection_lost = server_lost,
};

static tw_protocol *server_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&server_class, sizeof(tw_protocol));
}

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

struct waiter { tw_coro co; tw_server *server; };

static tw_step wait_closed_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    printf("wait_closed returned\n");
    TW_END(co);
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *client; tw_task *waiter; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct waiter *w;
    TW_BEGIN(co);
    made = tw_future_new(loop);
    lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, server_factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, plain_factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->client = TW_RESULT(co).p;
    TW_AWAIT(co, tw_ref(made));
    w = tw_coro_new(wait_closed_body, sizeof *w);
    w->server = f->server;
    f->waiter = tw_create_task(&w->co, NULL);
    for (f->i = 0; f->i < 3; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    printf("before close: wait_closed done: %s\n",
           tw_bool_str(tw_future_done(tw_task_future(f->waiter))));
    tw_server_close(f->server);
    printf("closed: is_serving %s sockets %zu\n", tw_bool_str(tw_server_is_serving(f->server)),
           tw_server_nsockets(f->server));
    for (f->i = 0; f->i < 3; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    printf("a connection still open: wait_closed done: %s\n",
           tw_bool_str(tw_future_done(tw_task_future(f->waiter))));
    tw_transport_close(f->client);
    tw_unref(f->client);
    TW_AWAIT(co, tw_ref(lost));
    TW_AWAIT(co, f->waiter);
    printf("server closed, no connection left\n");
    tw_unref(f->server);
    tw_unref(made);
    tw_unref(lost);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
