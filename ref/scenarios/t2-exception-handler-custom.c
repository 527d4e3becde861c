#line 897 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_loop *loop;

static void handler(tw_loop *lp, const tw_context *ctx, void *data)
{
    (void)data;
    printf("handler: same loop %s\n", tw_bool_str(lp == loop));
    printf("handler: has message %s\n", tw_bool_str(ctx->message));
    printf("handler: exception %s: %s\n", tw_error_type(ctx->error), tw_error_str(ctx->error));
    printf("handler: has handle %s\n", tw_bool_str(ctx->handle));
}

static tw_error *boom(void *arg)
{
    (void)arg;
    return tw_error_new(TW_ERR_VALUE, "callback failed");
}

static tw_error *after(void *arg)
{
    (void)arg;
    printf("after: the loop kept running\n");
    return NULL;
}

static tw_error *stop(void *lp)
{
    tw_loop_stop(lp);
    return NULL;
}

/* context.get(key): an extra item of the context, or None */
static const char *context_get(const tw_context *ctx, const char *key)
{
    for (size_t i = 0; i < ctx->nitems; i++)
        if (strcmp(ctx->items[i].key, key) == 0)
            return ctx->items[i].value;
    return "None";
}

static void direct(tw_loop *lp, const tw_context *ctx, void *data)
{
    (void)lp;
    (void)data;
    printf("direct: message=%s custom=%s\n", ctx->message, context_get(ctx, "custom"));
}

int main(void)
{
    static const tw_context_item custom[] = { { "custom", "1" } };
    tw_context report = { .message = "hand-made report", .nitems = 1, .items = custom };
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_loop_set_exception_handler(loop, handler, NULL);
    printf("get_exception_handler() is handler: %s\n",
           tw_bool_str(tw_loop_get_exception_handler(loop) == handler));
    tw_call_soon(loop, boom, NULL, NULL);
    tw_call_soon(loop, after, NULL, NULL);
    tw_call_soon(loop, stop, loop, NULL);
    tw_loop_run_forever(loop);
    tw_loop_set_exception_handler(loop, direct, NULL);
    tw_loop_call_exception_handler(loop, &report);
    tw_loop_set_exception_handler(loop, NULL, NULL);
    printf("handler reset: %s\n", tw_loop_get_exception_handler(loop) ? "set" : "None");
    tw_loop_free(loop);
    return 0;
}
