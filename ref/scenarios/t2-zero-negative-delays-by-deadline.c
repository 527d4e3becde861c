#line 1021 "chapters/tier2-examples.nw"
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
    tw_call_later(loop, 0, cb, "delay 0", NULL);
    tw_call_later(loop, -1, cb, "delay -1", NULL);
    tw_call_later(loop, -0.5, cb, "delay -0.5", NULL);
    tw_call_at(loop, tw_loop_time(loop) - 2, cb, "at now-2", NULL);
    tw_call_later(loop, 0.05, stop, loop, NULL);
    tw_loop_run_forever(loop);
    tw_loop_free(loop);
    return 0;
}
