#line 2176 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_timeout *outer, *inner; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_timeout_free(f->outer);
    tw_timeout_free(f->inner);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_error *e;
    TW_BEGIN(co);
    f->outer = tw_timeout_new(10);
    if ((e = tw_timeout_enter(f->outer)) != NULL)
        TW_RAISE(co, e);
    f->inner = tw_timeout_new(0.05);
    if ((e = tw_timeout_enter(f->inner)) != NULL)
        TW_RAISE(co, tw_timeout_exit(f->outer, e));
    TW_AWAIT_TRY(co, tw_sleep(10));
    e = tw_timeout_exit(f->inner, TW_TAKE_ERROR(co));
    if (tw_error_is(e, TW_ERR_TIMEOUT)) {
        printf("inner expired=%s outer expired=%s\n",
               tw_bool_str(tw_timeout_expired(f->inner)),
               tw_bool_str(tw_timeout_expired(f->outer)));
        tw_unref(e);
        e = NULL;
    }
    if (e == NULL) {
        printf("cancelling() after the inner timeout: %d\n",
               tw_task_cancelling(tw_current_task()));
        TW_AWAIT_TRY(co, tw_sleep(0));
        if (TW_ERROR(co) == NULL)
            printf("outer body continues normally\n");
        e = TW_TAKE_ERROR(co);
    }
    e = tw_timeout_exit(f->outer, e);
    if (tw_error_is(e, TW_ERR_TIMEOUT)) {
        printf("outer: TimeoutError (not expected)\n");
        tw_unref(e);
    } else if (e)
        TW_RAISE(co, e);
    printf("outer expired=%s\n", tw_bool_str(tw_timeout_expired(f->outer)));
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
