#line 633 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step other_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RETURN(co, TW_STR("never"));
    TW_END(co);
}

static void report(const char *what, const char *name, tw_error *err)
{
    if (tw_error_is(err, TW_ERR_RUNTIME))
        printf("%s on the running loop: RuntimeError\n", what);
    else
        printf("%s: no error\n", name);
    tw_unref(err);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    printf("is_running() inside = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    report("run_until_complete", "run_until_complete",
           tw_loop_run_until_complete(loop, tw_coro_call(other_body), NULL));
    report("run_forever", "run_forever", tw_loop_run_forever(loop));
    report("close", "close", tw_loop_close(loop));
    TW_AWAIT(co, tw_sleep(0));
    printf("the loop still works\n");
    TW_RETURN(co, TW_STR("done"));
    TW_END(co);
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    tw_value v;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("is_running() before = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    err = tw_loop_run_until_complete(loop, tw_coro_call(main_body), &v);
    if (err)
        return tw_report_uncaught(err);
    printf("run_until_complete -> %s\n", v.s);
    printf("is_running() after = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    tw_loop_free(loop);
    return 0;
}
