#line 2537 "chapters/tier4-tasks.nw"
/* runner.c -- running a loop until an awaitable is done, and asyncio.run:
   asyncio's runners.py and base_events.run_until_complete */
#include "tier4.h"
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#line 2560 "chapters/tier4-tasks.nw"
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
        if (o->kind == TW_KIND_CORO)
            tw_coro_close((tw_coro *)o);    /* taken and never to run: closed, not forgotten */
        else
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
#line 2635 "chapters/tier4-tasks.nw"
struct interrupt {
    tw_task *main;
    int count;
};

static tw_error *on_sigint(void *arg)
{
    struct interrupt *in = arg;
    if (in->count++ == 0 && !tw_future_done(tw_task_future(in->main)))
        tw_task_cancel(in->main, NULL);
    else
        tw_loop_stop(in->main->fut.loop);
    return NULL;
}

static bool sigint_is_the_programs_to_give(void)
{
    struct sigaction sa;
    sigset_t blocked;
    return gettid() == getpid()                                 /* the main thread */
        && sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL
        && pthread_sigmask(SIG_BLOCK, NULL, &blocked) == 0 && !sigismember(&blocked, SIGINT);
}

static bool catch_sigint(tw_loop *L, struct interrupt *in)
{
    tw_error *err;
    if (!sigint_is_the_programs_to_give())
        return false;
    err = tw__loop_add_passive_signal_handler(L, SIGINT, on_sigint, in);
    if (err == NULL)
        return true;
    tw_unref(err);
    return false;
}

static void release_sigint(tw_loop *L, struct interrupt *in)
{
    tw_handle *h = L->sighandlers[SIGINT];
    if (h && h->fn.cb == on_sigint && h->arg == in)
        tw_loop_remove_signal_handler(L, SIGINT);
}

static tw_error *interrupted(struct interrupt *in, tw_error *err)
{
    if (in->count == 0)
        return err;
    if (!(tw_error_is(err, TW_ERR_CANCELLED) && tw_task_uncancel(in->main) == 0)
        && !(in->count > 1 && !tw_future_done(tw_task_future(in->main))))
        return err;
    tw_unref(err);
    return tw_error_new(TW_ERR_KEYBOARD_INTERRUPT, NULL);
}
#line 2710 "chapters/tier4-tasks.nw"
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

#line 2758 "chapters/tier4-tasks.nw"
struct tw_runner {
    tw_clock clock;
    enum { RUNNER_NEW, RUNNER_INITIALIZED, RUNNER_CLOSED } state;
    tw_loop *loop;
    tw_ctx *context;
};

static tw_error runner_closed =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Runner is closed");

tw_runner *tw_runner_new(tw_clock clock)
{
    tw_runner *r = tw__alloc(sizeof *r);
    r->clock = clock;
    return r;
}

static tw_error *lazy_init(tw_runner *r)
{
    if (r->state == RUNNER_CLOSED)
        return &runner_closed;
    if (r->state == RUNNER_NEW) {
        r->loop = tw_loop_new_clock(r->clock);
        r->context = tw_copy_context();
        r->state = RUNNER_INITIALIZED;
    }
    return NULL;
}

tw_error *tw_runner_get_loop(tw_runner *r, tw_loop **loop)
{
    tw_error *err = lazy_init(r);
    *loop = err ? NULL : r->loop;
    return err;
}

tw_error *tw_runner_run(tw_runner *r, tw_coro *main, tw_ctx *context, tw_value *result)
{
    struct interrupt in = { NULL, 0 };
    tw_error *err;
    bool caught;
    if (result)
        *result = TW_NONE;
    if (tw__running)
        err = tw_error_new(TW_ERR_RUNTIME,
                           "Runner.run() cannot be called from a running event loop");
    else
        err = lazy_init(r);
    if (err) {
        tw_coro_close(main);
        return err;
    }
    in.main = tw_loop_create_task(r->loop, main, NULL);
    tw__task_run_in(in.main, context ? context : r->context);
    caught = catch_sigint(r->loop, &in);
    err = tw_loop_run_until_complete(r->loop, tw_ref(in.main), result);
    if (caught)
        release_sigint(r->loop, &in);
    err = interrupted(&in, err);
    tw_unref(in.main);
    return err;
}

void tw_runner_close(tw_runner *r)
{
    if (r->state != RUNNER_INITIALIZED)
        return;
    cancel_all_tasks(r->loop);
    run_shutdown_steps(r->loop);
    tw_unref(tw_loop_close(r->loop));
    tw_unref(r->context);
    r->context = NULL;
    r->state = RUNNER_CLOSED;
}

void tw_runner_free(tw_runner *r)
{
    if (r) {
        tw_runner_close(r);
        tw_loop_free(r->loop);
        free(r);
    }
}
#line 2844 "chapters/tier4-tasks.nw"
tw_error *tw_run_clock(tw_coro *main, tw_clock clock, tw_value *result)
{
    tw_runner *r;
    tw_error *err;
    if (result)
        *result = TW_NONE;
    if (tw__running) {
        tw_coro_close(main);
        return tw_error_new(TW_ERR_RUNTIME,
            "asyncio.run() cannot be called from a running event loop");
    }
    r = tw_runner_new(clock);
    err = tw_runner_run(r, main, NULL, result);
    tw_runner_free(r);
    return err;
}

tw_error *tw_run(tw_coro *main, tw_value *result)
{
    return tw_run_clock(main, TW_CLOCK_DEFAULT, result);
}
