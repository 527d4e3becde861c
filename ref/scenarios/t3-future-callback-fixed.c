#line 20 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *callback(void *future)
{
    printf("🔗 Callback invoked.\n");
    return tw_future_set_result(future, TW_STR("Result from callback"));
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_future *future;
    TW_BEGIN(co);
    future = tw_future_new(loop);
    tw_call_later(loop, 1, callback, future, NULL);
    TW_AWAIT(co, future);             /* the frame keeps it until the next await */
    printf("✅ Future completed with result: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
