#line 287 "chapters/tier2-examples.nw"
#include <math.h>
#include <stdio.h>
#include "tower.h"

static tw_error *say(void *line)
{
    puts(line);
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        double base = tw_loop_time(loop), ahead;
        tw_handle *at, *later;
        tw_call_at(loop, base + 5, say, "never", &at);
        printf("call_at(base + 5).when() is base + 5: %s\n",
               tw_bool_str(fabs(tw_handle_when(at) - (base + 5)) < 0.5));
        tw_call_later(loop, 10, say, "never", &later);
        ahead = tw_handle_when(later) - tw_loop_time(loop);
        printf("call_later(10).when() is about 10 s ahead: %s\n",
               tw_bool_str(9.0 < ahead && ahead < 11.0));
        tw_handle_cancel(at);
        tw_handle_cancel(later);
        printf("cancelled() after cancel(): %s %s\n",
               tw_bool_str(tw_handle_cancelled(at)),
               tw_bool_str(tw_handle_cancelled(later)));
        tw_handle_release(at);
        tw_handle_release(later);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
