#line 1371 "chapters/measuring.nw"
/* echo-server.h -- the TCP echo benchmark's contract, shared by its two Tower servers */
#ifndef TOWER_ECHO_SERVER_H
#define TOWER_ECHO_SERVER_H
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

typedef tw_coro *echo_start_fn(tw_loop *loop, int port);

#line 1386 "chapters/measuring.nw"
static tw_error *on_signal(void *stop)
{
    return tw_future_done(stop) ? NULL : tw_future_set_result(stop, TW_NONE);
}

struct main_frame { tw_coro co; echo_start_fn *start; int port; tw_future *stop; tw_server *server; };

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
    TW_AWAIT(co, f->start(loop, f->port));
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

static int serve_echo(int argc, char **argv, echo_start_fn *start)
{
    struct main_frame *f;
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    f->start = start;
    f->port = atoi(argv[1]);
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
#line 1382 "chapters/measuring.nw"
#endif
