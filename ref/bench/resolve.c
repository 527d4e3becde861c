#line 2551 "chapters/measuring.nw"
#include <netdb.h>
#include <string.h>
#include "bench.h"
#define NAMES 100
#define TICK 0.001
#define IDLE_MAX 2.0

struct ticker { double due, worst; bool stop; };

static tw_error *tick(void *arg)
{
    struct ticker *t = arg;
    double now = now_seconds();
    if (now - t->due > t->worst)
        t->worst = now - t->due;
    if (!t->stop) {
        t->due = now + TICK;
        tw_call_later(tw_get_running_loop(), TICK, tick, t, NULL);
    }
    return NULL;
}

static bool blocking;

struct lookup_frame { tw_coro co; int i; };

static tw_step lookup(tw_coro *co)
{
    struct lookup_frame *f = (struct lookup_frame *)co;
    char name[64];
    snprintf(name, sizeof name, "tower-bench-%d.invalid", f->i);
    TW_BEGIN(co);
    if (blocking) {
        struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;
        if (getaddrinfo(name, "80", &hints, &res) == 0)
            freeaddrinfo(res);
        TW_RETURN(co, TW_NONE);
    }
    TW_AWAIT_TRY(co, tw_getaddrinfo(tw_get_running_loop(), name, 80, AF_UNSPEC, SOCK_STREAM,
                                    0, 0));
    if (TW_ERROR(co) == NULL)
        free(TW_RESULT(co).p);           /* a name server that answers .invalid: still timed */
    TW_RETURN(co, TW_NONE);
    TW_END(co);
}

static void start_ticking(struct ticker *t)
{
    t->due = now_seconds() + TICK;
    tw_call_later(tw_get_running_loop(), TICK, tick, t, NULL);
}

struct resolve_frame { tw_coro co; struct ticker busy, idle; double start, took; };

static tw_step resolve_all(tw_coro *co)
{
    struct resolve_frame *f = (struct resolve_frame *)co;
    void *lookups[NAMES];
    TW_BEGIN(co);
    f->start = now_seconds();
    start_ticking(&f->busy);
    for (int i = 0; i < NAMES; i++) {
        struct lookup_frame *l = tw_coro_new(lookup, sizeof *l);
        l->i = i;
        lookups[i] = l;
    }
    TW_AWAIT(co, tw_gather(NAMES, lookups, true));
    f->took = now_seconds() - f->start;
    f->busy.stop = true;
    start_ticking(&f->idle);
    TW_AWAIT(co, tw_sleep(f->took < IDLE_MAX ? f->took : IDLE_MAX));
    f->idle.stop = true;
    TW_AWAIT(co, tw_sleep(2 * TICK));    /* the last ticks armed run and arm no others */
    printf("resolve %.2f ms-worst-tick-lateness (idle ticker %.2f ms; lookups took %.2f s)\n",
           f->busy.worst * 1e3, f->idle.worst * 1e3, f->took);
    TW_END(co);
}

int main(int argc, char **argv)
{
    blocking = argc > 1 && strcmp(argv[1], "blocking") == 0;
    run_benchmark(resolve_all, sizeof(struct resolve_frame));
    return 0;
}
