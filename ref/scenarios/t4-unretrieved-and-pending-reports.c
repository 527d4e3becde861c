#line 2658 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_future *fut;

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    tw_task *task = ctx->future ? (tw_task *)(void *)ctx->future : ctx->task;
    const char *sep = "";
    (void)loop;
    (void)data;
    printf("handler: %s\n", ctx->message);
    printf("  context keys: [");
    if (ctx->error)
        printf("%s'exception'", sep), sep = ", ";
    if (ctx->future)
        printf("%s'future'", sep), sep = ", ";
    if (ctx->handle)
        printf("%s'handle'", sep), sep = ", ";
    printf("%s'message'", sep);
    if (ctx->task)
        printf(", 'task'");
    printf("]\n");
    if (ctx->error)
        printf("  exception: %s: %s\n", tw_error_type(ctx->error), tw_error_message(ctx->error));
    printf("  the task: %s, done: %s\n", tw_task_name(task),
           tw_bool_str(tw_future_done(tw_task_future(task))));
}

static tw_step fails(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "nobody asked"));
    TW_END(co);
}

static tw_step waits(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_ref(fut));
    TW_END(co);
}

static tw_task *run_a_little(tw_loop *loop, tw_coro_fn body, const char *name)
{
    tw_task *task = tw_loop_create_task(loop, tw_coro_new(body, sizeof(tw_coro)), name);
    tw_unref(tw_loop_run_until_complete(loop, tw_sleep(0), NULL));
    return task;
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    tw_task *task;
    tw_error *exc;
    setvbuf(stdout, NULL, _IOLBF, 0);
    tw_loop_set_exception_handler(loop, handler, NULL);
    task = run_a_little(loop, fails, "fails");
    printf("task done: %s; dropping the last reference\n",
           tw_bool_str(tw_future_done(tw_task_future(task))));
    tw_unref(task);

    task = run_a_little(loop, fails, "retrieved");
    tw_unref(tw_future_exception(tw_task_future(task), &exc));
    printf("exception() retrieved: %s('%s')\n", tw_error_type(exc), tw_error_message(exc));
    tw_unref(exc);
    tw_unref(task);
    printf("a retrieved exception is not reported\n");

    fut = tw_future_new(loop);
    task = run_a_little(loop, waits, "waits");
    printf("task pending: %s; closing the loop\n",
           tw_bool_str(!tw_future_done(tw_task_future(task))));
    tw_unref(tw_loop_close(loop));
    tw_unref(task);
    tw_unref(fut);
    printf("after close\n");
    tw_loop_free(loop);
    return 0;
}
