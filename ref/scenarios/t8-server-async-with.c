#line 1736 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

static tw_future *closed;

static tw_error *client_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    (void)exc;
    return tw_future_set_result(closed, TW_NONE);
}

static const tw_protocol_class client_class = {
    .name = "StreamReaderProtocol", .connection_lost = client_lost,
};

static tw_protocol *client_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&client_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; tw_server *server; int port; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    closed = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, plain_factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    f->port = tw_sockaddr_port(tw_server_sockname(f->server, 0));
    /* async with server: */
    printf("inside async with: is_serving %s\n",
           tw_bool_str(tw_server_is_serving(f->server)));
    TW_AWAIT(co, tw_create_connection(loop, client_factory, NULL, "127.0.0.1", f->port));
    printf("a client connects\n");
    tw_transport_close(TW_RESULT(co).p);
    tw_unref((tw_transport *)TW_RESULT(co).p);
    TW_AWAIT(co, tw_ref(closed));
    TW_AWAIT(co, tw_server_exit(f->server));
    printf("after async with: is_serving %s, sockets %zu\n",
           tw_bool_str(tw_server_is_serving(f->server)),
           tw_server_nsockets(f->server));
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_AWAIT_TRY(co, tw_create_connection(loop, plain_factory, NULL, "127.0.0.1", f->port));
    if (TW_ERROR(co) && strcmp(tw_error_type(TW_ERROR(co)), "ConnectionRefusedError") == 0)
        printf("connecting after close: ConnectionRefusedError\n");
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    else {
        printf("connected after close?\n");
        tw_unref((tw_transport *)TW_RESULT(co).p);
    }
    tw_unref(f->server);

    TW_AWAIT(co, tw_create_server(loop, plain_factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    f->task = tw_create_task(tw_server_serve_forever(f->server), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("serve_forever running: is_serving %s\n",
           tw_bool_str(tw_server_is_serving(f->server)));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("serve_forever raised CancelledError\n");
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    printf("after cancelling serve_forever: is_serving %s\n",
           tw_bool_str(tw_server_is_serving(f->server)));
    tw_unref(f->server);
    tw_unref(closed);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
