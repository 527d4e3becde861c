#line 15844 "tower.nw"
/* subprocess-spawn: create_subprocess_exec("/bin/true") and wait, N times */
#include <stdio.h>
#include <time.h>
#include "tower.h"

enum { SPAWNS = 1000 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct bench_frame { tw_coro co; int i; double start; tw_process *proc; };

static tw_step bench_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/true", NULL };
    struct bench_frame *f = (struct bench_frame *)co;
    TW_BEGIN(co);
    f->start = now();
    for (f->i = 0; f->i < SPAWNS; f->i++) {
        TW_AWAIT(co, tw_create_subprocess_exec(argv, NULL));
        f->proc = TW_RESULT(co).p;
        TW_AWAIT(co, tw_process_wait(f->proc));
        tw_process_unref(f->proc);
    }
    printf("subprocess-spawn %.1f spawns/s\n", SPAWNS / (now() - f->start));
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run_clock(tw_coro_new(bench_body, sizeof(struct bench_frame)),
                                           TW_CLOCK_REAL, NULL));
}
