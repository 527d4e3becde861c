#line 4108 "tower.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

static tw_loop *loop;
static char tags[8][8] = { "A", "B" };
static int ntags = 2;

static tw_error *cb(void *p)
{
    char *tag = p;
    printf("callback %s\n", tag);
    snprintf(tags[ntags], sizeof tags[ntags], "%s+", tag);
    tw_call_soon(loop, cb, tags[ntags++], NULL);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_call_soon(loop, cb, tags[0], NULL);
    tw_call_soon(loop, cb, tags[1], NULL);
    tw_loop_stop(loop);
    printf("stop() called before run_forever()\n");
    tw_loop_run_forever(loop);
    printf("run_forever returned after one pass\n");
    tw_loop_stop(loop);
    tw_loop_run_forever(loop);
    printf("run_forever returned after a second pass\n");
    tw_loop_free(loop);
    return 0;
}
