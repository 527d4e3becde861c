#line 384 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *cb(tw_future *f, void *a)
{
    (void)f;
    (void)a;
    printf("cb ran\n");
    return NULL;
}
static tw_error *cb2(tw_future *f, void *a)
{
    (void)f;
    (void)a;
    printf("cb2 ran\n");
    return NULL;
}
static tw_error *cb3(tw_future *f, void *a)
{
    (void)f;
    (void)a;
    printf("cb3 ran\n");
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    {
        tw_future *fut = tw_future_new(tw_get_running_loop());
        tw_future_add_done_callback(fut, cb, NULL);
        tw_future_add_done_callback(fut, cb2, NULL);
        tw_future_add_done_callback(fut, cb, NULL);
        tw_future_add_done_callback(fut, cb3, NULL);
        printf("remove_done_callback(cb) -> %zu\n",
               tw_future_remove_done_callback(fut, cb, NULL));
        printf("remove_done_callback(cb) again -> %zu\n",
               tw_future_remove_done_callback(fut, cb, NULL));
        tw_future_set_result(fut, TW_NONE);
        tw_unref(fut);
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("end\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
