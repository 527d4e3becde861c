#line 511 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step ok_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_INT(42));
    TW_END(co);
}

static tw_step bad_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_KEY, "missing"));
    TW_END(co);
}

int main(void)
{
    tw_value v;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(ok_body, sizeof(tw_coro)), &v);
    if (err)
        return tw_report_uncaught(err);
    printf("asyncio.run(ok()) -> %ld\n", (long)v.i);
    err = tw_run(tw_coro_new(bad_body, sizeof(tw_coro)), &v);
    if (!tw_error_is(err, TW_ERR_KEY))
        return tw_report_uncaught(err);
    printf("asyncio.run(bad()) raised %s: %s\n", tw_error_type(err), tw_error_message(err));
    tw_unref(err);
    if (tw_get_running_loop() == NULL)
        printf("no running loop after asyncio.run: RuntimeError\n");
    else
        printf("a loop is still running\n");
    return 0;
}
