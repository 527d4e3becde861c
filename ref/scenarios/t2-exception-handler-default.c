#line 845 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *boom(void *arg)
{
    (void)arg;
    printf("boom: raising ZeroDivisionError\n");
    return tw_error_new(TW_ERR_ZERO_DIVISION, "division by zero");
}

static tw_error *after(void *arg)
{
    (void)arg;
    printf("after: the loop kept running\n");
    return NULL;
}

static tw_error *stop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("get_exception_handler() = %s\n",
           tw_loop_get_exception_handler(loop) ? "set" : "None");
    tw_call_soon(loop, boom, NULL, NULL);
    tw_call_soon(loop, after, NULL, NULL);
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    printf("run_forever returned normally\n");
    tw_loop_free(loop);
    return 0;
}
