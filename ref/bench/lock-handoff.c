#line 1027 "chapters/measuring.nw"
/* lock-handoff -- hand-offs per second between tasks contending for one lock */
#include "bench.h"

enum { TASKS = 4, ROUNDS = 250000 };

static long handoffs;

struct contender { tw_coro co; tw_lock *lock; int i; };

static tw_step contender_body(tw_coro *co)
{
    struct contender *f = (struct contender *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < ROUNDS; f->i++) {
        TW_AWAIT(co, tw_lock_acquire(f->lock));
        handoffs++;
        TW_YIELD(co);
        tw_lock_release(f->lock);
    }
    TW_END(co);
}

struct main_frame { tw_coro co; tw_lock *lock; double start; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    void *aws[TASKS];
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    for (int i = 0; i < TASKS; i++) {
        struct contender *c = tw_coro_new(contender_body, sizeof *c);
        c->lock = f->lock;
        aws[i] = c;
    }
    f->start = now_seconds();
    TW_AWAIT(co, tw_gather(TASKS, aws, false));
    if (handoffs != (long)TASKS * ROUNDS)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "acquisitions were lost"));
    printf("lock-handoff %.1f hand-offs/s\n", (handoffs - 1) / (now_seconds() - f->start));
    tw_unref(f->lock);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run_clock(tw_coro_new(main_body, sizeof(struct main_frame)),
                                           TW_CLOCK_REAL, NULL));
}
