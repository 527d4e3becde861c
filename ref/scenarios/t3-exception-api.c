#line 109 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_future *fut; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->fut = tw_future_new(loop);
    tw_future_set_exception(f->fut, tw_error_new(TW_ERR_VALUE, "bad value"));
    {
        tw_error *exc, *e;
        tw_future_exception(f->fut, &exc);
        printf("exception() -> %s: %s\n", tw_error_type(exc), tw_error_str(exc));
        printf("done() = %s, cancelled() = %s\n",
               tw_bool_str(tw_future_done(f->fut)),
               tw_bool_str(tw_future_cancelled(f->fut)));
        e = tw_future_result(f->fut, NULL);
        printf("result() raised %s: %s; same object: %s\n",
               tw_error_type(e), tw_error_str(e), tw_bool_str(e == exc));
        tw_unref(e);
        tw_unref(exc);
    }
    TW_AWAIT_TRY(co, f->fut);
    printf("await raised %s: %s\n", tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
    TW_CLEAR(co);
    {
        tw_future *c = tw_future_new(loop);
        tw_error *e, *exc;
        tw_future_cancel(c, NULL);
        e = tw_future_result(c, NULL);
        printf("result() on cancelled: %s\n",
               tw_error_is(e, TW_ERR_CANCELLED) ? "CancelledError" : "returned");
        tw_unref(e);
        e = tw_future_exception(c, &exc);
        printf("exception() on cancelled: %s\n",
               tw_error_is(e, TW_ERR_CANCELLED) ? "CancelledError" : "returned");
        tw_unref(e);
        tw_unref(c);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
