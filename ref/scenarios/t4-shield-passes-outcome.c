#line 1376 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step value(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("kept"));
    TW_END(co);
}

static tw_step fails(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "inner failed"));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *inner; tw_future *pending, *outer; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->inner);
    tw_unref(f->pending);
    tw_unref(f->outer);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_value v;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_shield(tw_create_task(tw_coro_new(value, sizeof(tw_coro)), NULL)));
    printf("result through the shield: %s\n", TW_RESULT(co).s);
    TW_AWAIT_TRY(co, tw_shield(tw_create_task(tw_coro_new(fails, sizeof(tw_coro)), NULL)));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        printf("exception through the shield: ValueError(%s)\n", tw_error_message(TW_ERROR(co)));
    TW_CLEAR(co);

    f->inner = tw_create_task(tw_sleep(10), NULL);
    f->outer = tw_shield(tw_ref(f->inner));
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->inner, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->outer));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("inner cancelled: outer cancelled=%s\n", tw_bool_str(tw_future_cancelled(f->outer)));
    TW_CLEAR(co);
    tw_unref(f->outer);

    f->pending = tw_future_new(tw_get_running_loop());
    f->outer = tw_shield(tw_ref(f->pending));
    tw_future_cancel(f->outer, NULL);
    tw_unref(tw_future_set_result(f->pending, TW_STR("late")));
    TW_AWAIT(co, tw_sleep(0));
    tw_unref(tw_future_result(f->pending, &v));
    printf("outer cancelled as inner completes: outer cancelled=%s, inner result=%s\n",
           tw_bool_str(tw_future_cancelled(f->outer)), v.s);
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
