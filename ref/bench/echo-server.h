#line 1722 "chapters/measuring.nw"
/* echo-server.h -- the TCP echo benchmark's contract, shared by its two Tower servers */
#ifndef TOWER_ECHO_SERVER_H
#define TOWER_ECHO_SERVER_H
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

typedef tw_coro *echo_start_fn(tw_loop *loop, int port, const tw_server_options *options);

#line 1767 "chapters/measuring.nw"
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

enum { MAX_LOOPS = 64 };

struct server_loop {
    pthread_t thread;
    int status;              /* tw_report_uncaught's: 0 when the loop ended well */
    tw_loop *loop;           /* written before the barrier, read after it */
    tw_future *stop;
    bool serving;
    pid_t tid;               /* the thread's id, for the benchmark to pin and watch it */
    long connections;        /* accepted by this loop; read once the loops have ended */
};

static struct server_loop loops[MAX_LOOPS];
static _Thread_local struct server_loop *this_loop;
static int nloops = 1;
static int port;
static tw_ssl_context *tls;              /* --tls CERT KEY: the server's context */
static echo_start_fn *start_echo;
static pthread_barrier_t all_started;

#line 1804 "chapters/measuring.nw"
static tw_error *stop(void *future)
{
    return tw_future_done(future) ? NULL : tw_future_set_result(future, TW_NONE);
}

static tw_error *stop_every_loop(void *unused)
{
    static atomic_bool stopping;
    tw_error *err = NULL;
    (void)unused;
    if (atomic_exchange(&stopping, true))
        return NULL;
    for (int i = 1; i < nloops && !err; i++)
        if (loops[i].serving)
            err = tw_call_soon_threadsafe(loops[i].loop, stop, loops[i].stop);
    return err ? err : stop(loops[0].stop);
}
#line 1916 "chapters/measuring.nw"
static void echo_connection_made(void)
{
    this_loop->connections++;
}

static void print_loop_threads(void)
{
    printf("loop threads");
    for (int i = 0; i < nloops; i++)
        printf(" %d", (int)loops[i].tid);
    printf("\n");
}

static void print_loop_connections(void)
{
    printf("loop connections");
    for (int i = 0; i < nloops; i++)
        printf(" %ld", loops[i].connections);
    printf("\n");
}
#line 1824 "chapters/measuring.nw"
struct main_frame { tw_coro co; struct server_loop *me; tw_future *stop; tw_server *server; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->server)
        tw_server_close(f->server);
    tw_unref(f->server);
    tw_unref(f->stop);
}

static bool every_loop_serves(void)
{
    for (int i = 0; i < nloops; i++)
        if (!loops[i].serving)
            return false;
    return true;
}

static tw_error *handle_signals(tw_loop *loop)
{
    tw_error *err = tw_loop_add_signal_handler(loop, SIGTERM, stop_every_loop, NULL);
    return err ? err : tw_loop_add_signal_handler(loop, SIGINT, stop_every_loop, NULL);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    bool first = f->me == &loops[0];
    tw_error *err = NULL;
    TW_BEGIN(co);
    f->stop = tw_future_new(loop);
    f->me->loop = loop;
    f->me->stop = f->stop;
    TW_AWAIT_TRY(co, start_echo(loop, port, &(tw_server_options){ .reuse_port = nloops > 1,
                                                                   .tls = { .ssl = tls } }));
    if (!TW_ERROR(co)) {
        f->server = TW_RESULT(co).p;
        f->me->serving = true;
    }
    pthread_barrier_wait(&all_started);
    if (first && every_loop_serves() && (err = handle_signals(loop)) == NULL) {
        print_loop_threads();
        printf("listening\n");
        fflush(stdout);
    } else if (first) {
        stop_every_loop(NULL);
    }
    if (TW_ERROR(co))
        TW_RERAISE(co);
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(f->stop));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    if (first) {
        tw_loop_remove_signal_handler(loop, SIGTERM);
        tw_loop_remove_signal_handler(loop, SIGINT);
    }
    TW_END(co);
}

static void run_one_loop(struct server_loop *me)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    f->me = me;
    me->tid = gettid();
    this_loop = me;
    me->status = tw_report_uncaught(tw_run(&f->co, NULL));
}

static void *loop_thread(void *me)
{
    run_one_loop(me);
    return NULL;
}
#line 1947 "chapters/measuring.nw"
static int usage(const char *program)
{
    fprintf(stderr, "usage: %s [--loops N] [--tls CERTFILE KEYFILE] PORT  (N from 1 to %d)\n",
            program, MAX_LOOPS);
    return 2;
}

static int serve_echo(int argc, char **argv, echo_start_fn *start)
{
    const char *program = argv[0];
    sigset_t handled, old;
    int status = 0;
    if (argc >= 4 && strcmp(argv[1], "--loops") == 0) {
        nloops = atoi(argv[2]);
        argv += 2;
        argc -= 2;
    }
    if (argc >= 5 && strcmp(argv[1], "--tls") == 0) {
        tw_error *err = tw_ssl_context_new_server(argv[2], argv[3], &tls);
        if (err) {
            fprintf(stderr, "%s: %s\n", program, tw_error_message(err));
            tw_unref(err);
            return 2;
        }
        argv += 3;
        argc -= 3;
    }
    if (argc != 2 || nloops < 1 || nloops > MAX_LOOPS)
        return usage(program);
    port = atoi(argv[1]);
    start_echo = start;
    pthread_barrier_init(&all_started, NULL, (unsigned)nloops);
    sigemptyset(&handled);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGINT);
    pthread_sigmask(SIG_BLOCK, &handled, &old);
    for (int i = 1; i < nloops; i++)
        if ((errno = pthread_create(&loops[i].thread, NULL, loop_thread, &loops[i])) != 0) {
            perror("pthread_create");
            exit(1);
        }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    run_one_loop(&loops[0]);
    for (int i = 1; i < nloops; i++) {
        pthread_join(loops[i].thread, NULL);
        status = status ? status : loops[i].status;
    }
    pthread_barrier_destroy(&all_started);
    tw_unref(tls);
    print_loop_connections();
    return loops[0].status ? loops[0].status : status;
}
#line 1733 "chapters/measuring.nw"
#endif
