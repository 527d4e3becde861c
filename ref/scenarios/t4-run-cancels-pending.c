#line 7733 "tower.nw"
#include <stdio.h>
#include "tower.h"

static tw_step background(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("background: cancelled at exit, cleaning up\n");
        TW_AWAIT_TRY(co, tw_sleep(0));
        printf("background: cleanup finished\n");
        TW_RAISE(co, tw_error_new(TW_ERR_CANCELLED, NULL));
    }
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    tw_unref(tw_create_task(tw_coro_new(background, sizeof(tw_coro)), NULL));
    TW_AWAIT(co, tw_sleep(0));
    printf("main: returning with a task still pending\n");
    TW_RETURN(co, TW_STR("main result"));
    TW_END(co);
}

int main(void)
{
    tw_value v;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(tw_coro)), &v);
    if (err)
        return tw_report_uncaught(err);
    printf("asyncio.run -> %s\n", v.s);
    return 0;
}
