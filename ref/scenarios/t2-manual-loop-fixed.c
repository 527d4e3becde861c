#line 21 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step say_hello(tw_coro *co)
{
    TW_BEGIN(co);
    printf("👋 Hello, World!\n");
    TW_AWAIT(co, tw_sleep(1));
    printf("👋 Goodbye, World!\n");
    TW_END(co);
}

int main(void)
{
    tw_loop *loop;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    err = tw_loop_run_until_complete(loop, tw_coro_call(say_hello), NULL);
    tw_loop_free(loop);
    return tw_report_uncaught(err);
}
