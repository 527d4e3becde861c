#line 57 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

/* a callback's positional arguments: the tag and, for the first five, one extra */
struct args { const char *tag; int nextra; int extra; };

static tw_error *cb(void *p)
{
    struct args *a = p;
    if (a->nextra)
        printf("callback %s extra args: %d %d\n", a->tag, a->nextra, a->extra);
    else
        printf("callback %s extra args: 0 -\n", a->tag);
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
        { "1", 1, 10 }, { "2", 1, 20 }, { "3", 1, 30 }, { "4", 1, 40 }, { "5", 1, 50 },
        { "last", 0, 0 } };
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
