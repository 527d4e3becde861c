#line 1155 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct inner { tw_coro co; const char *name; };

static tw_step inner_body(tw_coro *co)
{
    struct inner *f = (struct inner *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("%s: cancelled\n", f->name);
        TW_RERAISE(co);
    }
    TW_END(co);
}

static tw_task *inner(const char *name)
{
    struct inner *f = tw_coro_new(inner_body, sizeof *f);
    f->name = name;
    return tw_create_task(&f->co, NULL);
}

struct main_frame { tw_coro co; tw_task *task, *waiter; tw_future *done; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->task);
    tw_unref(f->waiter);
    tw_unref(f->done);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->task = inner("inner");
    f->waiter = tw_create_task(tw_wait_for(tw_ref(f->task), 5), NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->waiter, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->waiter));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("waiter cancelled: %s; inner cancelled: %s\n",
               tw_bool_str(tw_future_cancelled(tw_task_future(f->waiter))),
               tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    TW_CLEAR(co);
    tw_unref(f->task);

    f->task = inner("zero");
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT_TRY(co, tw_wait_for(tw_ref(f->task), 0));
    if (tw_error_is(TW_ERROR(co), TW_ERR_TIMEOUT))
        printf("timeout=0 on a pending task: TimeoutError; task cancelled: %s\n",
               tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    TW_CLEAR(co);
    f->done = tw_future_new(tw_get_running_loop());
    tw_unref(tw_future_set_result(f->done, TW_STR("ready")));
    TW_AWAIT(co, tw_wait_for(tw_ref(f->done), 0));
    printf("timeout=0 on a done future: %s\n", TW_RESULT(co).s);
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
