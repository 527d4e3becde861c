#line 171 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <time.h>
#include "tower.h"

static tw_error *fire(void *tag)
{
    printf("timer %s\n", (const char *)tag);
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        double base = tw_loop_time(loop);
        struct timespec block = { 0, 50 * 1000 * 1000 };
        tw_call_at(loop, base + 0.030, fire, "at+30ms", NULL);
        tw_call_at(loop, base + 0.010, fire, "at+10ms", NULL);
        tw_call_at(loop, base + 0.020, fire, "at+20ms", NULL);
        tw_call_at(loop, base + 0.011, fire, "at+11ms", NULL);
        tw_call_later(loop, 0.250, fire, "later 250ms", NULL);
        tw_call_later(loop, 0.150, fire, "later 150ms", NULL);
        tw_call_at(loop, base + 0.040, fire, "at+40ms", NULL);
        /* block the loop past the first four deadlines (time.sleep) */
        nanosleep(&block, NULL);
    }
    TW_AWAIT(co, tw_sleep(0.4));
    printf("all timers done\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
