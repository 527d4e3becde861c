#line 571 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step ok_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("coroutine result"));
    TW_END(co);
}

static tw_step bad_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_LOOKUP, "coroutine error"));
    TW_END(co);
}

static tw_error *set_result(void *fut)
{
    return tw_future_set_result(fut, TW_STR("future result"));
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    tw_value v;
    tw_error *err;
    tw_future *fut;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_loop_run_until_complete(loop, tw_coro_call(ok_body), &v);
    printf("run_until_complete(coroutine) -> %s\n", v.s);
    err = tw_loop_run_until_complete(loop, tw_coro_call(bad_body), &v);
    printf("run_until_complete(failing coroutine) raised %s: %s\n",
           tw_error_type(err), tw_error_str(err));
    tw_unref(err);
    fut = tw_future_new(loop);
    tw_call_soon(loop, set_result, fut, NULL);
    err = tw_loop_run_until_complete(loop, tw_ref(fut), &v);
    printf("run_until_complete(future) -> %s\n", v.s);
    tw_unref(fut);
    fut = tw_future_new(loop);
    tw_future_set_result(fut, TW_STR("already done"));
    err = tw_loop_run_until_complete(loop, fut, &v);
    printf("run_until_complete(done future) -> %s\n", v.s);
    tw_loop_free(loop);
    return 0;
}
