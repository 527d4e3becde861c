#line 2252 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_timeout *cm; };

static void main_cleanup(tw_coro *co)
{
    tw_timeout_free(((struct main_frame *)co)->cm);
}

static void report_passed(const char *when, tw_error *e, tw_errkind kind, tw_timeout *cm)
{
    if (tw_error_is(e, kind))
        printf("%s: %s(%s) passes, expired()=%s\n", when, tw_error_type(e),
               tw_error_message(e), tw_bool_str(tw_timeout_expired(cm)));
    else if (tw_error_is(e, TW_ERR_TIMEOUT))
        printf("%s: TimeoutError (not expected)\n", when);
    else
        printf("%s: %s (not expected)\n", when, e ? tw_error_type(e) : "no error");
    tw_unref(e);
}

static void reschedule_after_exit(tw_timeout *cm)
{
    tw_error *e = tw_timeout_reschedule(cm, TW_FOREVER);
    if (e == NULL)
        printf("reschedule() after the block: accepted\n");
    else
        printf("reschedule() after the block: %s(%s)\n", tw_error_type(e), tw_error_message(e));
    tw_unref(e);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_error *e;
    TW_BEGIN(co);
    f->cm = tw_timeout_new(5);
    if ((e = tw_timeout_enter(f->cm)) != NULL)
        TW_RAISE(co, e);
    TW_AWAIT_TRY(co, tw_sleep(0));
    e = TW_TAKE_ERROR(co);
    if (e == NULL)
        e = tw_error_new(TW_ERR_VALUE, "raised in the block");
    report_passed("before the deadline", tw_timeout_exit(f->cm, e), TW_ERR_VALUE, f->cm);
    reschedule_after_exit(f->cm);

    tw_timeout_free(f->cm);
    f->cm = tw_timeout_new(0.05);
    if ((e = tw_timeout_enter(f->cm)) != NULL)
        TW_RAISE(co, e);
    TW_AWAIT_TRY(co, tw_sleep(10));
    e = TW_TAKE_ERROR(co);
    if (tw_error_is(e, TW_ERR_CANCELLED)) {
        tw_unref(e);
        e = tw_error_new(TW_ERR_RUNTIME, "raised instead of the cancellation");
    }
    report_passed("at the deadline", tw_timeout_exit(f->cm, e), TW_ERR_RUNTIME, f->cm);
    reschedule_after_exit(f->cm);
    printf("cancelling() afterwards: %d\n", tw_task_cancelling(tw_current_task()));
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
