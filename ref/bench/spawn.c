#line 132 "chapters/measuring.nw"
#include "bench.h"
#define SPAWN_TASKS 200000

static tw_step one(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

struct spawn_frame { tw_coro co; double start; };

static tw_step spawn(tw_coro *co)
{
    struct spawn_frame *f = (struct spawn_frame *)co;
    TW_BEGIN(co);
    f->start = now_seconds();
    {
        void **aws = malloc(SPAWN_TASKS * sizeof *aws);
        tw_future *all;
        for (size_t i = 0; i < SPAWN_TASKS; i++)
            aws[i] = tw_coro_new(one, sizeof(tw_coro));
        all = tw_gather(SPAWN_TASKS, aws, false);   /* keeps the tasks, not the array */
        free(aws);
        TW_AWAIT(co, all);
    }
    printf("spawn %.1f tasks/s\n", SPAWN_TASKS / (now_seconds() - f->start));
    TW_END(co);
}

int main(void)
{
    run_benchmark(spawn, sizeof(struct spawn_frame));
    return 0;
}
