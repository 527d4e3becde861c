#line 2163 "chapters/tier4-tasks.nw"
/* runner.c -- running a loop until an awaitable is done, and asyncio.run:
   asyncio's runners.py and base_events.run_until_complete */
#include "tier4.h"
#include <stdlib.h>

#line 2179 "chapters/tier4-tasks.nw"
static tw_error *stop_when_done(tw_future *f, void *loop)
{
    (void)f;
    tw_loop_stop(loop);
    return NULL;
}

tw_error *(tw_loop_run_until_complete)(tw_loop *L, tw_awaitable *awaitable, tw_value *result)
{
    tw_object *o = (tw_object *)(void *)awaitable;
    tw_future *f;
    tw_error *err = tw__loop_runnable(L);
    if (result)
        *result = TW_NONE;
    if (err) {
        tw_unref(awaitable);
        return err;
    }
    if (o->kind == TW_KIND_CORO || o->kind == TW_KIND_YIELD)
        f = tw_task_future(tw_loop_create_task(L, (tw_coro *)o, NULL));
    else if (o->kind == TW_KIND_FUTURE || o->kind == TW_KIND_TASK)
        f = (tw_future *)o;
    else
        return tw_error_new(TW_ERR_TYPE,
                            "An asyncio.Future, a coroutine or an awaitable is required");
    if (f->loop != L) {
        tw_unref(f);
        return tw_error_new(TW_ERR_VALUE, "The future belongs to a different loop than "
                                          "the one specified as the loop argument");
    }
    tw_future_add_done_callback(f, stop_when_done, L);
    err = tw_loop_run_forever(L);
    tw_future_remove_done_callback(f, stop_when_done, L);
    if (err == NULL) {
        if (!tw_future_done(f))
            err = tw_error_new(TW_ERR_RUNTIME, "Event loop stopped before Future completed.");
        else
            err = tw_future_result(f, result);
    }
    tw_unref(f);
    return err;
}
#line 2237 "chapters/tier4-tasks.nw"
struct shutdown {
    tw_loop *loop;
    size_t left;
};

static tw_error *one_finished(tw_future *f, void *arg)
{
    struct shutdown *s = arg;
    (void)f;
    if (--s->left == 0)
        tw_loop_stop(s->loop);
    return NULL;
}

static void cancel_all_tasks(tw_loop *L)
{
    tw_task **tasks;
    size_t n = tw_all_tasks(L, &tasks);
    struct shutdown s = { L, n };
    for (size_t i = 0; i < n; i++) {
        tw_ref(tasks[i]);
        tw_task_cancel(tasks[i], NULL);
        tw_future_add_done_callback(&tasks[i]->fut, one_finished, &s);
    }
    if (n)
        tw_loop_run_forever(L);
    for (size_t i = 0; i < n; i++) {
        tw_future *f = &tasks[i]->fut;
        if (f->state == TW__DONE && f->error) {
            tw_context ctx = { .message = "unhandled exception during asyncio.run() shutdown",
                               .error = f->error, .future = f };
            f->retrieved = true;
            tw_loop_call_exception_handler(L, &ctx);
        }
        tw_unref(f);
    }
    free(tasks);
}

static void run_shutdown_steps(tw_loop *L)
{
    for (struct tw__shutdown_step *s = L->shutdown_steps; s; s = s->next)
        tw_unref(tw_loop_run_until_complete(L, s->make(L), NULL));
}

tw_error *tw_run_clock(tw_coro *main, tw_clock clock, tw_value *result)
{
    tw_loop *L;
    tw_error *err;
    if (result)
        *result = TW_NONE;
    if (tw__running) {
        tw_coro_close(main);
        return tw_error_new(TW_ERR_RUNTIME,
            "asyncio.run() cannot be called from a running event loop");
    }
    L = tw_loop_new_clock(clock);
    err = tw_loop_run_until_complete(L, main, result);
    cancel_all_tasks(L);
    run_shutdown_steps(L);
    tw_loop_free(L);
    return err;
}

tw_error *tw_run(tw_coro *main, tw_value *result)
{
    return tw_run_clock(main, TW_CLOCK_DEFAULT, result);
}
