#line 181 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step boom(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_ARITHMETIC, "task failed"));
    TW_END(co);
}

static tw_error *report_exception(tw_future *t, void *arg)
{
    tw_error *exc;
    (void)arg;
    tw_unref(tw_future_exception(t, &exc));
    printf("done callback: exception=%s\n", tw_error_type(exc));
    tw_unref(exc);
    return NULL;
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_future *t;
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_new(boom, sizeof(tw_coro)), NULL);
    t = tw_task_future(f->task);
    {
        tw_value v;
        tw_error *e = tw_future_result(t, &v);
        if (tw_error_is(e, TW_ERR_INVALID_STATE))
            printf("result() while running: InvalidStateError\n");
        tw_unref(e);
    }
    tw_future_add_done_callback(t, report_exception, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->task));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_ARITHMETIC))
        TW_RERAISE(co);
    printf("await task raised %s: %s\n",
           tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
    {
        tw_error *exc;
        tw_unref(tw_future_exception(tw_task_future(f->task), &exc));
        printf("exception() = %s: %s\n", tw_error_type(exc), tw_error_str(exc));
        tw_unref(exc);
    }
    TW_AWAIT_TRY(co, f->task);
    if (!tw_error_is(TW_ERROR(co), TW_ERR_ARITHMETIC))
        TW_RERAISE(co);
    printf("awaiting it again raises the same error\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
