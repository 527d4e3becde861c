#line 79 "chapters/measuring.nw"
/* bench.h -- what the benchmark programs share (see the book, "Measuring the runtime") */
#ifndef TOWER_BENCH_H
#define TOWER_BENCH_H
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "tower.h"

static inline double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double resident_bytes(void)
{
    long pages = 0, resident = 0;
    FILE *statm = fopen("/proc/self/statm", "r");
    if (statm == NULL || fscanf(statm, "%ld %ld", &pages, &resident) != 2) {
        perror("/proc/self/statm");
        exit(1);
    }
    fclose(statm);
    return (double)resident * (double)sysconf(_SC_PAGESIZE);
}

static inline tw_value run_benchmark(tw_coro_fn body, size_t frame_size)
{
    tw_value v;
    tw_error *err = tw_run_clock(tw_coro_new(body, frame_size), TW_CLOCK_REAL, &v);
    if (err)
        exit(tw_report_uncaught(err));
    return v;
}

#line 325 "chapters/measuring.nw"
struct idle { tw_coro co; tw_future *gate; };

static inline tw_step idle(tw_coro *co)
{
    struct idle *f = (struct idle *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_ref(f->gate));
    TW_END(co);
}

struct idle_frame { tw_coro co; size_t n; tw_future *gate; void **tasks; double before, per_task; };

/* Returns the growth of the resident set per task, in bytes. */
static inline tw_step idle_tasks(tw_coro *co)
{
    struct idle_frame *f = (struct idle_frame *)co;
    TW_BEGIN(co);
    f->gate = tw_future_new(tw_get_running_loop());
    f->before = resident_bytes();
    f->tasks = malloc(f->n * sizeof *f->tasks);
    for (size_t i = 0; i < f->n; i++) {
        struct idle *w = tw_coro_new(idle, sizeof *w);
        w->gate = f->gate;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));      /* every task runs to its await and suspends */
    f->per_task = (resident_bytes() - f->before) / (double)f->n;
    tw_future_set_result(f->gate, TW_NONE);
    TW_AWAIT(co, tw_gather(f->n, f->tasks, false));
    free(f->tasks);
    tw_unref(f->gate);
    TW_RETURN(co, TW_DBL(f->per_task));
    TW_END(co);
}

static inline double idle_tasks_run(size_t n)
{
    struct idle_frame *f = tw_coro_new(idle_tasks, sizeof *f);
    tw_error *err;
    tw_value v;
    f->n = n;
    err = tw_run_clock(&f->co, TW_CLOCK_REAL, &v);
    if (err)
        exit(tw_report_uncaught(err));
    return v.d;
}
#line 117 "chapters/measuring.nw"
#endif
