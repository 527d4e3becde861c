#line 533 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *set_late_value(void *fut)
{
    return tw_future_set_result(fut, TW_STR("late value"));
}

static tw_error *set_os_error(void *fut)
{
    return tw_future_set_exception(fut, tw_error_new(TW_ERR_OS, "device gone"));
}

struct main_frame { tw_coro co; tw_future *fut, *bad; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->fut);
    tw_unref(f->bad);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->fut = tw_future_new(loop);
    printf("get_loop() is the running loop: %s\n",
           tw_bool_str(tw_future_loop(f->fut) == loop));
    tw_call_later(loop, 0.01, set_late_value, f->fut, NULL);
    printf("awaiting a pending future\n");
    TW_AWAIT(co, tw_ref(f->fut));
    printf("resumed with %s\n", TW_RESULT(co).s);
    f->bad = tw_future_new(loop);
    tw_call_soon(loop, set_os_error, f->bad, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->bad));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_OS))
        TW_RERAISE(co);
    printf("resumed with %s: %s\n", tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
