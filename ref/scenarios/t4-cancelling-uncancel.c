#line 489 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step target(tw_coro *co)
{
    tw_task *me = tw_current_task();
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("target: cancelled, cancelling()=%d\n", tw_task_cancelling(me));
        printf("target: uncancel() -> %d\n", tw_task_uncancel(me));
        printf("target: uncancel() -> %d\n", tw_task_uncancel(me));
        TW_CLEAR(co);
    } else if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("finished normally"));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_new(target, sizeof(tw_coro)), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("before: cancelling()=%d\n", tw_task_cancelling(f->task));
    tw_task_cancel(f->task, NULL);
    printf("one cancel(): cancelling()=%d\n", tw_task_cancelling(f->task));
    tw_task_cancel(f->task, NULL);
    printf("two cancel(): cancelling()=%d\n", tw_task_cancelling(f->task));
    TW_AWAIT(co, tw_ref(f->task));
    printf("result: %s; cancelled()=%s\n", TW_RESULT(co).s,
           tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
