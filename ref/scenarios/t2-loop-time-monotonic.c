#line 798 "chapters/tier2-examples.nw"
#include <stdbool.h>
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; double before; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        static double samples[10000];
        bool ordered = true;
        for (int i = 0; i < 10000; i++)
            samples[i] = tw_loop_time(loop);
        for (int i = 1; i < 10000; i++)
            ordered = ordered && samples[i - 1] <= samples[i];
        printf("time() is a float: %s\n",
               _Generic(samples[0], double: "True", default: "False"));
        printf("10000 readings never decrease: %s\n", tw_bool_str(ordered));
    }
    f->before = tw_loop_time(loop);
    TW_AWAIT(co, tw_sleep(0.05));
    printf("time advanced across sleep(0.05): %s\n",
           tw_bool_str(tw_loop_time(loop) > f->before));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
