#line 982 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_loop *loop;
static int ran;

/* stop once all three have run, not at a time */
static tw_error *cb(void *tag)
{
    printf("callback %s\n", (const char *)tag);
    if (++ran == 3)
        tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_call_soon(loop, cb, "soon A", NULL);
    tw_call_later(loop, 0, cb, "later(0) B", NULL);
    tw_call_soon(loop, cb, "soon C", NULL);
    tw_loop_run_forever(loop);
    tw_loop_free(loop);
    return 0;
}
