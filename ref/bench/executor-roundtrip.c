#line 15796 "tower.nw"
/* executor-roundtrip: run_in_executor of a trivial function, awaited, N times */
#include <stdio.h>
#include <time.h>
#include "tower.h"

enum { ROUNDS = 100000 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static tw_error *nothing(void *arg, tw_value *result)
{
    (void)arg;
    *result = TW_NONE;
    return NULL;
}

struct bench_frame { tw_coro co; int i; double start; };

static tw_step bench_body(tw_coro *co)
{
    struct bench_frame *f = (struct bench_frame *)co;
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    for (f->i = -1; f->i < ROUNDS; f->i++) {
        if (f->i == 0)
            f->start = now();           /* the first call starts the thread */
        if ((err = tw_run_in_executor(tw_get_running_loop(), NULL, nothing, NULL, &fut)) != NULL)
            TW_RAISE(co, err);
        TW_AWAIT(co, fut);
    }
    printf("executor-roundtrip %.1f round-trips/s\n", ROUNDS / (now() - f->start));
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run_clock(tw_coro_new(bench_body, sizeof(struct bench_frame)),
                                           TW_CLOCK_REAL, NULL));
}
