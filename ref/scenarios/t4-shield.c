#line 1239 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step precious(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0.05));
    printf("precious: finished despite the cancellation\n");
    TW_RETURN(co, TW_STR("kept"));
    TW_END(co);
}

struct guarded { tw_coro co; tw_task *inner; };

static tw_step guarded(tw_coro *co)
{
    struct guarded *f = (struct guarded *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_shield(f->inner));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("guarded: CancelledError\n");
        TW_RERAISE(co);
    }
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *inner, *outer; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    {
        struct guarded *g = tw_coro_new(guarded, sizeof *g);
        f->inner = tw_create_task(tw_coro_new(precious, sizeof(tw_coro)), NULL);
        g->inner = tw_ref(f->inner);
        f->outer = tw_create_task(&g->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->outer, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->outer));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        tw_future *outer = tw_task_future(f->outer), *inner = tw_task_future(f->inner);
        printf("outer cancelled=%s; inner cancelled=%s done=%s\n",
               tw_bool_str(tw_future_cancelled(outer)),
               tw_bool_str(tw_future_cancelled(inner)),
               tw_bool_str(tw_future_done(inner)));
    }
    TW_CLEAR(co);
    tw_unref(f->outer);
    TW_AWAIT(co, f->inner);
    printf("inner result: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
