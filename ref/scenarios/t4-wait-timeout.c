#line 963 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_future *never; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->never = tw_future_new(tw_get_running_loop());
    f->task = tw_create_task(tw_sleep(10), "sleeper");
    {
        void *aws[2] = { tw_ref(f->never), tw_ref(f->task) };
        TW_AWAIT(co, tw_wait(2, aws, 0.05, TW_ALL_COMPLETED));
    }
    {
        const tw_waited *w = TW_RESULT(co).p;
        printf("after timeout: %zu done, %zu pending\n", w->ndone, w->npending);
    }
    printf("wait() did not cancel them: %s %s\n",
           tw_bool_str(tw_future_cancelled(f->never)),
           tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    tw_task_cancel(f->task, NULL);
    tw_future_cancel(f->never, NULL);
    tw_unref(f->task);
    tw_unref(f->never);
    {
        void *quick = tw_create_task(tw_sleep_value(0, TW_STR("quick")), NULL);
        TW_AWAIT(co, tw_wait(1, &quick, 5, TW_ALL_COMPLETED));
    }
    {
        const tw_waited *w = TW_RESULT(co).p;
        printf("completed before the timeout: %zu done, %zu pending\n", w->ndone, w->npending);
    }
    TW_AWAIT_TRY(co, tw_wait(0, NULL, TW_FOREVER, TW_ALL_COMPLETED));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RERAISE(co);
    printf("wait() of an empty set: ValueError\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
