#line 220 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

/* try/finally: catch the error with TW_AWAIT_TRY, run the finally part,
   then re-raise */
static tw_step inner_body(tw_coro *co)
{
    TW_BEGIN(co);
    printf("inner: raising ValueError\n");
    TW_AWAIT_TRY(co, tw_sleep(0));
    printf("inner: finally runs\n");
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "deep failure"));
    TW_END(co);
}

static tw_step middle_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_coro_call(inner_body));
    if (!TW_ERROR(co))
        printf("middle: not reached\n");
    printf("middle: finally runs\n");
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_step outer_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_coro_call(middle_body));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE)) {
        printf("outer: caught %s: %s\n",
               tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
        TW_RETURN(co, TW_STR("recovered"));
    }
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_coro_call(outer_body));
    printf("main: outer returned %s\n", TW_RESULT(co).s);
    TW_AWAIT_TRY(co, tw_coro_call(middle_body));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        printf("main: caught %s: %s\n", tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
