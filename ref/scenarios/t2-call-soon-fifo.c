#line 3471 "tower.nw"
#include <stdio.h>
#include "tower.h"

struct args { const char *tag; int extra; };

static tw_error *cb(void *p)
{
    struct args *a = p;
    if (a->extra)
        printf("callback %s args=[%d]\n", a->tag, a->extra);
    else
        printf("callback %s args=[]\n", a->tag);
    return NULL;
}

static tw_error *stop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    static struct args calls[] = {
        { "1", 10 }, { "2", 20 }, { "3", 30 }, { "4", 40 }, { "5", 50 }, { "last", 0 } };
    tw_loop *loop = tw_loop_new();
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < 6; i++)
        tw_call_soon(loop, cb, &calls[i], NULL);
    printf("scheduled six callbacks; none has run yet\n");
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    printf("run_forever returned\n");
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    printf("second run_forever returned; nothing ran twice\n");
    tw_loop_free(loop);
    return 0;
}
