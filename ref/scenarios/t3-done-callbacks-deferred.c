#line 229 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *cb(tw_future *f, void *tag)
{
    tw_value v;
    tw_unref(tw_future_result(f, &v));
    printf("done callback %s: result=%ld\n", (const char *)tag, (long)v.i);
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    {
        tw_future *fut = tw_future_new(tw_get_running_loop());
        tw_future_add_done_callback(fut, cb, "A");
        tw_future_add_done_callback(fut, cb, "B");
        tw_future_add_done_callback(fut, cb, "C");
        tw_future_set_result(fut, TW_INT(5));
        printf("set_result returned; no done callback has run yet\n");
        printf("done() = %s\n", tw_bool_str(tw_future_done(fut)));
        tw_unref(fut);      /* the scheduled callbacks keep it alive */
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("after one loop iteration\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
