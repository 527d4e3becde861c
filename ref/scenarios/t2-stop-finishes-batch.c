#line 405 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_loop *loop;

static tw_error *cb(void *tag)
{
    printf("callback %s\n", (const char *)tag);
    if (strcmp(tag, "B") == 0) {
        tw_loop_stop(loop);
        printf("  B called stop()\n");
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
    static const char *tags[] = { "A", "B", "C", "D" };
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    for (int i = 0; i < 4; i++)
        tw_call_soon(loop, cb, (void *)tags[i], NULL);
    tw_loop_run_forever(loop);
    printf("run_forever returned after the batch A..D\n");
    printf("is_running() = %s\n", tw_bool_str(tw_loop_is_running(loop)));
    tw_call_soon(loop, cb, "E", NULL);
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    printf("second run_forever returned\n");
    tw_loop_free(loop);
    return 0;
}
