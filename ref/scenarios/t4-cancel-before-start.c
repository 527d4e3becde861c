#line 315 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static bool ran;

static tw_step body(tw_coro *co)
{
    TW_BEGIN(co);
    ran = true;
    printf("body: running (not expected)\n");
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_new(body, sizeof(tw_coro)), NULL);
    printf("cancel() before the first step -> %s\n",
           tw_bool_str(tw_task_cancel(f->task, NULL)));
    TW_AWAIT_TRY(co, tw_ref(f->task));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("awaiting it raised CancelledError\n");
    TW_CLEAR(co);
    printf("body ran: %s; cancelled()=%s\n",
           tw_bool_str(ran), tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
