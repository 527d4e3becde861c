#line 3012 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step inner_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RETURN(co, TW_STR("never"));
    TW_END(co);
}

static void print_refusal(const char *what, tw_error *err)
{
    printf("%s: %s(%s)\n", what, tw_error_type(err), tw_error_message(err));
    tw_unref(err);
}

static tw_step main_body(tw_coro *co)
{
    tw_runner *runner;
    TW_BEGIN(co);
    print_refusal("asyncio.run in a running loop", tw_run(tw_coro_call(inner_body), NULL));
    runner = tw_runner_new(TW_CLOCK_DEFAULT);
    print_refusal("Runner.run in a running loop",
                  tw_runner_run(runner, tw_coro_call(inner_body), NULL, NULL));
    tw_runner_free(runner);
    TW_END(co);
}

static tw_error *stop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    tw_loop *loop, *other;
    tw_future *fut;
    tw_error *err;
    tw_value v;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if ((err = tw_run(tw_coro_call(main_body), NULL)) != NULL)
        return tw_report_uncaught(err);

    loop = tw_loop_new();
    fut = tw_future_new(loop);
    tw_unref(tw_call_soon(loop, stop, loop, NULL));
    print_refusal("run_until_complete, loop stopped first",
                  tw_loop_run_until_complete(loop, tw_ref(fut), &v));
    printf("the future is still pending: %s\n", tw_bool_str(!tw_future_done(fut)));
    tw_unref(tw_future_set_result(fut, TW_STR("late")));
    if ((err = tw_loop_run_until_complete(loop, fut, &v)) != NULL)
        return tw_report_uncaught(err);
    printf("run_until_complete, afterwards: %s\n", v.s);
    other = tw_loop_new();
    print_refusal("run_until_complete of another loop's future",
                  tw_loop_run_until_complete(loop, tw_future_new(other), &v));
    tw_loop_free(other);
    tw_loop_free(loop);
    return 0;
}
