#line 457 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_loop *loop;

static tw_error *cb(void *tag)
{
    printf("callback %s\n", (const char *)tag);
    if (strcmp(tag, "A") == 0) {
        tw_loop_stop(loop);
        tw_call_soon(loop, cb, "scheduled by A", NULL);
        printf("  A called stop() and scheduled a new callback\n");
    }
    return NULL;
}

static tw_error *stop(void *lp)
{
    tw_loop_stop(lp);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_call_soon(loop, cb, "A", NULL);
    tw_call_soon(loop, cb, "B", NULL);
    tw_loop_run_forever(loop);
    printf("run_forever returned\n");
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    printf("second run_forever returned\n");
    tw_loop_free(loop);
    return 0;
}
