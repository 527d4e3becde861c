#line 735 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static void handler(tw_loop *lp, const tw_context *ctx, void *data)
{
    (void)lp;
    (void)data;
    printf("handler: %s: %s\n", tw_error_type(ctx->error), tw_error_str(ctx->error));
}

static tw_error *bad(tw_future *f, void *arg)
{
    (void)f;
    (void)arg;
    printf("bad callback: raising\n");
    return tw_error_new(TW_ERR_RUNTIME, "callback failure");
}

static tw_error *good(tw_future *f, void *arg)
{
    tw_value v;
    (void)arg;
    tw_unref(tw_future_result(f, &v));
    printf("good callback: result=%s\n", v.s);
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
    tw_future *fut;
    tw_value v;
    setvbuf(stdout, NULL, _IOLBF, 0);
    tw_loop_set_exception_handler(loop, handler, NULL);
    fut = tw_future_new(loop);
    tw_future_add_done_callback(fut, bad, NULL);
    tw_future_add_done_callback(fut, good, NULL);
    tw_future_set_result(fut, TW_STR("ok"));
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    tw_unref(tw_future_result(fut, &v));
    printf("future unaffected: result=%s\n", v.s);
    tw_unref(fut);
    tw_loop_free(loop);
    return 0;
}
