#line 3499 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step inner(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RETURN(co, TW_STR("never"));
    TW_END(co);
}

static void print_outcome(const char *what, tw_error *err)
{
    if (err == NULL)
        printf("%s: accepted\n", what);
    else
        printf("%s: %s: %s\n", what, tw_error_type(err), tw_error_str(err));
    tw_unref(err);
}

static tw_step main_body(tw_coro *co)
{
    tw_runner *runner;
    TW_BEGIN(co);
    print_outcome("asyncio.run inside a running loop", tw_run(tw_coro_call(inner), NULL));
    runner = tw_runner_new(TW_CLOCK_DEFAULT);
    print_outcome("Runner.run inside a running loop",
                  tw_runner_run(runner, tw_coro_call(inner), NULL, NULL));
    tw_runner_close(runner);
    tw_runner_free(runner);
    printf("a Runner that never ran closes: done\n");
    TW_AWAIT(co, tw_sleep_value(0, TW_STR("yes")));
    printf("the running loop goes on: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_call(main_body), NULL);
    if (err == NULL)
        printf("result: None\n");
    return tw_report_uncaught(err);
}
