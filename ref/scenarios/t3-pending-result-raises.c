#line 60 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    {
        tw_future *fut = tw_future_new(tw_get_running_loop());
        tw_error *e, *exc;
        tw_value v;
        printf("done() = %s, cancelled() = %s\n", tw_bool_str(tw_future_done(fut)),
               tw_bool_str(tw_future_cancelled(fut)));
        e = tw_future_result(fut, &v);
        printf("result() on pending: %s\n",
               tw_error_is(e, TW_ERR_INVALID_STATE) ? "InvalidStateError" : "returned");
        tw_unref(e);
        e = tw_future_exception(fut, &exc);
        printf("exception() on pending: %s\n",
               tw_error_is(e, TW_ERR_INVALID_STATE) ? "InvalidStateError" : "returned");
        tw_unref(e);
        tw_future_set_result(fut, TW_NONE);
        tw_future_result(fut, &v);
        tw_future_exception(fut, &exc);
        printf("after set_result(None): result() = %s, exception() = %s\n",
               v.p ? "?" : "None", exc ? "?" : "None");
        tw_unref(fut);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
