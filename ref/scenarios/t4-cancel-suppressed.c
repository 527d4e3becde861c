#line 437 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step stubborn(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("stubborn: caught CancelledError, carrying on\n");
        TW_CLEAR(co);
    } else if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_AWAIT(co, tw_sleep(0));
    printf("stubborn: still running after the cancellation\n");
    TW_RETURN(co, TW_STR("survived"));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_new(stubborn, sizeof(tw_coro)), NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT(co, tw_ref(f->task));
    printf("result=%s cancelled()=%s\n", TW_RESULT(co).s,
           tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
