#line 277 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *say(void *tag)
{
    printf("callback %s\n", (const char *)tag);
    return NULL;
}

static tw_error *done_say(tw_future *f, void *tag)
{
    (void)f;
    return say(tag);
}

static tw_error *stop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    tw_future *fut = tw_future_new(loop);
    setvbuf(stdout, NULL, _IOLBF, 0);
    tw_future_add_done_callback(fut, done_say, "done A");
    tw_future_add_done_callback(fut, done_say, "done B");
    tw_call_soon(loop, say, "soon X (before set_result)", NULL);
    tw_future_set_result(fut, TW_NONE);
    tw_call_soon(loop, say, "soon Y (after set_result)", NULL);
    tw_future_add_done_callback(fut, done_say, "done C (added after completion)");
    tw_call_soon(loop, say, "soon Z", NULL);
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    tw_unref(fut);
    tw_loop_free(loop);
    return 0;
}
