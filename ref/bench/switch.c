#line 416 "chapters/measuring.nw"
#include "bench.h"
#define SWITCHES 500000

struct switch_frame { tw_coro co; double start; int i; };

static tw_step switcher(tw_coro *co)
{
    struct switch_frame *f = (struct switch_frame *)co;
    TW_BEGIN(co);
    f->start = now_seconds();
    for (f->i = 0; f->i < SWITCHES; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    printf("switch %.1f ns/switch\n", (now_seconds() - f->start) * 1e9 / SWITCHES);
    TW_END(co);
}

int main(void)
{
    run_benchmark(switcher, sizeof(struct switch_frame));
    return 0;
}
