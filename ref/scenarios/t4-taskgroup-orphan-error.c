#line 1925 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_future *reported;

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    size_t len = strlen(ctx->message), tail = strlen("is already completed");
    (void)loop;
    (void)data;
    printf("handler: errored out, parent already completed: %s; %s(%s)\n",
           tw_bool_str(strstr(ctx->message, "has errored out") != NULL && len >= tail
                       && strcmp(ctx->message + len - tail, "is already completed") == 0),
           tw_error_type(ctx->error), tw_error_str(ctx->error));
    tw_unref(tw_future_set_result(reported, TW_NONE));
}

static tw_step fail(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "too late"));
    TW_END(co);
}

static tw_task *child;

static tw_step parent(tw_coro *co)
{
    tw_taskgroup *tg;
    TW_BEGIN(co);
    tg = tw_taskgroup_new();
    child = tw_taskgroup_create_task(tg, tw_coro_new(fail, sizeof(tw_coro)), NULL);
    tw_unref(tg);
    TW_RETURN(co, TW_STR("the parent returned inside its group"));
    TW_END(co);
}

static void main_cleanup(tw_coro *co)
{
    (void)co;
    tw_unref(reported);
    tw_unref(child);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_error *exc;
    TW_BEGIN(co);
    reported = tw_future_new(loop);
    tw_loop_set_exception_handler(loop, handler, NULL);
    TW_AWAIT(co, tw_create_task(tw_coro_new(parent, sizeof(tw_coro)), NULL));
    printf("%s\n", TW_RESULT(co).s);
    TW_AWAIT(co, tw_ref(reported));
    tw_unref(tw_future_exception(tw_task_future(child), &exc));
    printf("the child's exception: %s\n", tw_error_type(exc));
    tw_unref(exc);
    TW_END(co);
}

int main(void)
{
    tw_coro *co = tw_coro_new(main_body, sizeof(tw_coro));
    setvbuf(stdout, NULL, _IOLBF, 0);
    co->cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(co, NULL));
}
