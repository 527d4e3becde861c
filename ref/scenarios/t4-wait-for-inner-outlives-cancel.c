#line 1026 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step stubborn(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("stubborn: cancelled at the timeout, finishes anyway\n");
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("kept"));
    TW_END(co);
}

static tw_step fails_when_cancelled(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("fails_when_cancelled: cancelled at the timeout\n");
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "failed while cancelled"));
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_wait_for(tw_coro_call(stubborn), 1));
    printf("wait_for returned the value: '%s'\n", TW_RESULT(co).s);
    TW_AWAIT_TRY(co, tw_wait_for(tw_coro_call(fails_when_cancelled), 1));
    if (tw_error_is(TW_ERROR(co), TW_ERR_TIMEOUT))
        printf("TimeoutError (not expected)\n");
    else if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        printf("wait_for raised the inner error: ValueError(%s)\n", tw_error_message(TW_ERROR(co)));
    else
        TW_RERAISE(co);
    TW_CLEAR(co);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
