#line 754 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_loop *loop;

static tw_error *cb(void *arg)
{
    (void)arg;
    printf("inside callback: get_running_loop() is loop: %s\n",
           tw_bool_str(tw_get_running_loop() == loop));
    printf("inside callback: is_running() = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    if (tw_get_running_loop() == NULL)
        printf("outside: get_running_loop raises RuntimeError\n");
    else
        printf("outside: a loop is running\n");
    tw_call_soon(loop, cb, NULL, NULL);
    printf("before: is_running() = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    tw_loop_run_forever(loop);
    printf("after: is_running() = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    tw_loop_free(loop);
    return 0;
}
