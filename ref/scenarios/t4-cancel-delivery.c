#line 255 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step sleeper_body(tw_coro *co)
{
    TW_BEGIN(co);
    printf("sleeper: awaiting sleep(10)\n");
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        const char *msg = tw_error_message(TW_ERROR(co));
        printf("sleeper: CancelledError at its await, msg=%s\n", msg ? msg : "None");
        TW_RERAISE(co);
    }
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_future *t;
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_new(sleeper_body, sizeof(tw_coro)), NULL);
    TW_AWAIT(co, tw_sleep(0));
    t = tw_task_future(f->task);
    printf("cancel('stop') -> %s\n", tw_bool_str(tw_task_cancel(f->task, "stop")));
    printf("right after cancel: done()=%s cancelled()=%s\n",
           tw_bool_str(tw_future_done(t)), tw_bool_str(tw_future_cancelled(t)));
    TW_AWAIT_TRY(co, tw_ref(f->task));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("main: awaiting the task raised CancelledError\n");
    TW_CLEAR(co);
    t = tw_task_future(f->task);
    printf("afterwards: done()=%s cancelled()=%s\n",
           tw_bool_str(tw_future_done(t)), tw_bool_str(tw_future_cancelled(t)));
    printf("cancel() on a finished task -> %s\n",
           tw_bool_str(tw_task_cancel(f->task, NULL)));
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
