#line 1419 "chapters/measuring.nw"
/* echo-protocol-server.c -- the TCP echo benchmark's server on Tower's protocols */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

struct echo { tw_protocol base; tw_transport *transport; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    ((struct echo *)p)->transport = t;
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    return tw_transport_write(((struct echo *)p)->transport, data, n);
}

static const tw_protocol_class echo_class = {
    .name = "EchoProtocol", .connection_made = echo_made, .data_received = echo_data,
};

static tw_protocol *echo_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&echo_class, sizeof(struct echo));
}

static tw_coro *start_echo_server(tw_loop *loop, int port)
{
    return tw_create_server(loop, echo_factory, NULL, "127.0.0.1", port, NULL);
}

#line 1465 "chapters/measuring.nw"
static tw_error *on_signal(void *stop)
{
    return tw_future_done(stop) ? NULL : tw_future_set_result(stop, TW_NONE);
}

struct main_frame { tw_coro co; int port; tw_future *stop; tw_server *server; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->server)
        tw_server_close(f->server);
    tw_server_unref(f->server);
    tw_unref(f->stop);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    f->stop = tw_future_new(loop);
    if ((err = tw_loop_add_signal_handler(loop, SIGTERM, on_signal, f->stop)) != NULL
        || (err = tw_loop_add_signal_handler(loop, SIGINT, on_signal, f->stop)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, start_echo_server(loop, f->port));
    f->server = TW_RESULT(co).p;
    printf("listening\n");
    fflush(stdout);
    TW_AWAIT(co, tw_ref(f->stop));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_loop_remove_signal_handler(loop, SIGTERM);
    tw_loop_remove_signal_handler(loop, SIGINT);
    TW_END(co);
}

int main(int argc, char **argv)
{
    struct main_frame *f;
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    f->port = atoi(argv[1]);
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
