#line 268 "chapters/measuring.nw"
#include "bench.h"
#define TIMERS 200000

struct timers_frame { tw_coro co; double start; tw_future *done; int remaining; };

static tw_error *fire(void *arg)
{
    struct timers_frame *f = arg;
    if (--f->remaining == 0)
        tw_future_set_result(f->done, TW_NONE);
    return NULL;
}

static tw_step timers(tw_coro *co)
{
    struct timers_frame *f = (struct timers_frame *)co;
    tw_loop *L = tw_get_running_loop();
    TW_BEGIN(co);
    f->done = tw_future_new(L);
    f->remaining = TIMERS;
    f->start = now_seconds();
    for (int i = 0; i < TIMERS; i++)
        tw_call_later(L, (i % 1000) / 100000.0, fire, f, NULL);   /* over 0-10 ms */
    TW_AWAIT(co, f->done);
    printf("timers %.1f timers/s\n", TIMERS / (now_seconds() - f->start));
    TW_END(co);
}

int main(void)
{
    run_benchmark(timers, sizeof(struct timers_frame));
    return 0;
}
