#line 1088 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step inner(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("inner: cancelled by wait_for\n");
        TW_RERAISE(co);
    }
    TW_END(co);
}

static tw_step fast(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("fast result"));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_wait_for(tw_coro_call(inner), 0.05));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_TIMEOUT))
        TW_RERAISE(co);
    printf("main: wait_for raised TimeoutError\n");
    TW_AWAIT(co, tw_wait_for(tw_coro_call(fast), 5));
    printf("wait_for within the limit -> %s\n", TW_RESULT(co).s);
    TW_AWAIT(co, tw_wait_for(tw_coro_call(fast), TW_FOREVER));
    printf("wait_for with timeout=None -> %s\n", TW_RESULT(co).s);
    f->task = tw_create_task(tw_coro_new(inner, sizeof(tw_coro)), NULL);
    TW_AWAIT_TRY(co, tw_wait_for(tw_ref(f->task), 0.05));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_TIMEOUT))
        TW_RERAISE(co);
    printf("main: TimeoutError; the task was cancelled first: %s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
