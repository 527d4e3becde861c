#line 3433 "tower.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *cb(void *tag)
{
    printf("callback %s\n", (const char *)tag);
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
    tw_call_soon(loop, cb, "soon A", NULL);
    tw_call_later(loop, 0, cb, "later(0) B", NULL);
    tw_call_soon(loop, cb, "soon C", NULL);
    tw_call_later(loop, 0.05, stop, loop, NULL);
    tw_loop_run_forever(loop);
    tw_loop_free(loop);
    return 0;
}
