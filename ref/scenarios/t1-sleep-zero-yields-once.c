#line 509 "chapters/tier1-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_error *cb(void *tag)
{
    printf("callback %s\n", (const char *)tag);
    if (strcmp(tag, "first") == 0)
        tw_call_soon(tw_get_running_loop(), cb, "scheduled by first", NULL);
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_call_soon(loop, cb, "first", NULL);
    tw_call_soon(loop, cb, "second", NULL);
    printf("main: before sleep(0)\n");
    TW_AWAIT(co, tw_sleep(0));
    printf("main: after first sleep(0)\n");
    TW_AWAIT(co, tw_sleep(0));
    printf("main: after second sleep(0)\n");
    TW_AWAIT(co, tw_sleep_value(0, TW_STR("payload")));
    printf("sleep(0, result=...) -> %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
