#line 171 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static void attempt(const char *name, tw_error *e)
{
    if (tw_error_is(e, TW_ERR_INVALID_STATE))
        printf("%s: InvalidStateError\n", name);
    else
        printf("%s: accepted\n", name);
    tw_unref(e);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        tw_future *fut = tw_future_new(loop), *cancelled;
        tw_value v;
        attempt("first set_result", tw_future_set_result(fut, TW_STR("first")));
        attempt("second set_result", tw_future_set_result(fut, TW_STR("second")));
        attempt("set_exception after result",
                tw_future_set_exception(fut, tw_error_new(TW_ERR_VALUE, "x")));
        printf("cancel() after result -> %s\n",
               tw_bool_str(tw_future_cancel(fut, NULL)));
        tw_future_result(fut, &v);
        printf("result() is still %s\n", v.s);
        cancelled = tw_future_new(loop);
        printf("cancel() on pending -> %s\n",
               tw_bool_str(tw_future_cancel(cancelled, NULL)));
        attempt("set_result after cancel", tw_future_set_result(cancelled, TW_INT(1)));
        printf("cancel() again -> %s\n",
               tw_bool_str(tw_future_cancel(cancelled, NULL)));
        tw_unref(fut);
        tw_unref(cancelled);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
