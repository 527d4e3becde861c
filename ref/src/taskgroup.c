#line 2209 "chapters/tier4-tasks.nw"
/* taskgroup.c -- task groups: asyncio's taskgroups.py */
#include "tier4.h"

#line 2216 "chapters/tier4-tasks.nw"
struct tw_taskgroup {
    tw_object obj;
    tw_loop *loop;
    bool exiting, aborting, parent_cancel_requested;
    tw_task *parent;
    tw_task **tasks;
    size_t ntasks, captasks;
    tw_error **errors;
    size_t nerrors, caperrors;
    tw_future *on_completed;
};

static void tg_finalize(tw_object *o)
{
    tw_taskgroup *g = (tw_taskgroup *)o;
    for (size_t i = 0; i < g->ntasks; i++)
        tw_unref(g->tasks[i]);
    for (size_t i = 0; i < g->nerrors; i++)
        tw_unref(g->errors[i]);
    free(g->tasks);
    free(g->errors);
    tw_unref(g->on_completed);
    tw_unref(g->parent);
    free(g);
}

static void tg_describe(tw_object *o, FILE *out)
{
    tw_taskgroup *g = (tw_taskgroup *)o;
    fprintf(out, "<TaskGroup tasks=%zu%s%s>", g->ntasks, g->aborting ? " cancelling" : "",
            g->exiting ? "" : " entered");
}

static const tw_class tg_class = { tg_finalize, tg_describe, NULL };

tw_taskgroup *tw_taskgroup_new(void)
{
    tw_loop *L = tw__running_loop("tw_taskgroup_new");
    tw_task *current = tw_current_task();
    tw_taskgroup *g;
    if (current == NULL)
        tw__fatal("tw_taskgroup_new: not inside a task");
    g = tw__alloc(sizeof *g);
    g->obj.refs = 1;
    g->obj.cls = &tg_class;
    g->loop = L;
    g->parent = tw_ref(current);
    return g;
}

static void tg_abort(tw_taskgroup *g)
{
    g->aborting = true;
    for (size_t i = 0; i < g->ntasks; i++)
        if (g->tasks[i]->fut.state == TW__PENDING)
            tw_task_cancel(g->tasks[i], NULL);
}

/* A child's error, or the body's own: the group keeps E for the ExceptionGroup. */
static void tg_keep_error(tw_taskgroup *g, tw_error *e)
{
    if (g->nerrors == g->caperrors) {
        g->caperrors = g->caperrors ? 2 * g->caperrors : 4;
        g->errors = tw__realloc(g->errors, g->caperrors * sizeof *g->errors);
    }
    g->errors[g->nerrors++] = e;
}
#line 2286 "chapters/tier4-tasks.nw"
static tw_error *tg_on_task_done(tw_future *f, void *arg)
{
    tw_taskgroup *g = arg;
    for (size_t i = 0; i < g->ntasks; i++)
        if (&g->tasks[i]->fut == f) {
            g->tasks[i] = g->tasks[--g->ntasks];
            tw_unref(f);
            break;
        }
    if (g->on_completed && g->ntasks == 0)
        tw__set_none_unless_done(g->on_completed);
    if (f->state == TW__CANCELLED || f->error == NULL)
        return NULL;
    f->retrieved = true;
    tg_keep_error(g, tw_ref(f->error));
    if (g->parent->fut.state != TW__PENDING) {
        tw_context ctx = {
            .message = "Task has errored out but its parent task is already completed",
            .error = f->error, .future = f };
        tw_loop_call_exception_handler(f->loop, &ctx);
        return NULL;
    }
    if (!g->aborting && !g->parent_cancel_requested) {
        tg_abort(g);
        g->parent_cancel_requested = true;
        tw_task_cancel(g->parent, NULL);
    }
    return NULL;
}

tw_task *tw_taskgroup_create_task(tw_taskgroup *g, tw_coro *coro, const char *name)
{
    tw_task *t;
    if ((g->exiting && g->ntasks == 0) || g->aborting) {
        tw_coro_close(coro);
        return NULL;
    }
    t = tw_loop_create_task(g->loop, coro, name);
    if (t == NULL)
        return NULL;
    tw__future_add_callback(&t->fut, tg_on_task_done, g, tw_ref(g));
    if (g->ntasks == g->captasks) {
        g->captasks = g->captasks ? 2 * g->captasks : 4;
        g->tasks = tw__realloc(g->tasks, g->captasks * sizeof *g->tasks);
    }
    g->tasks[g->ntasks++] = tw_ref(t);
    return t;
}
#line 2337 "chapters/tier4-tasks.nw"
struct tg_exit_frame {
    tw_coro co;
    tw_taskgroup *g;
    tw_error *et;
    tw_error *propagate;
};

static void tg_exit_cleanup(tw_coro *co)
{
    struct tg_exit_frame *f = (struct tg_exit_frame *)co;
    tw_unref(f->g);
    tw_unref(f->et);
    tw_unref(f->propagate);
}

static tw_step tg_exit_body(tw_coro *co)
{
    struct tg_exit_frame *f = (struct tg_exit_frame *)co;
    tw_taskgroup *g = f->g;
    TW_BEGIN(co);
    g->exiting = true;
    if (tw_error_kind(f->et) == TW_ERR_CANCELLED)
        f->propagate = tw_ref(f->et);
    if (g->parent_cancel_requested && tw_task_uncancel(g->parent) == 0) {
        tw_unref(f->propagate);
        f->propagate = NULL;
    }
    if (f->et && !g->aborting)
        tg_abort(g);
    while (f->g->ntasks) {
        if (f->g->on_completed == NULL)
            f->g->on_completed = tw_future_new(f->g->loop);
        TW_AWAIT_TRY(co, tw_ref(f->g->on_completed));
        if (TW_ERROR(co) && !f->g->aborting) {
            tw_unref(f->propagate);
            f->propagate = TW_TAKE_ERROR(co);
            tg_abort(f->g);
        }
        tw_unref(f->g->on_completed);
        f->g->on_completed = NULL;
    }
    g = f->g;
    if (f->propagate && g->nerrors == 0) {
        tw_error *e = f->propagate;
        f->propagate = NULL;
        TW_RAISE(co, e);
    }
    if (f->et && tw_error_kind(f->et) != TW_ERR_CANCELLED) {
        tg_keep_error(g, f->et);
        f->et = NULL;
    }
    if (g->nerrors) {
        tw_error *group = tw_error_group("unhandled errors in a TaskGroup", g->nerrors, g->errors);
        g->nerrors = 0;
        TW_RAISE(co, group);
    }
    TW_END(co);
}

tw_coro *tw_taskgroup_exit(tw_taskgroup *g, tw_error *body_error)
{
    struct tg_exit_frame *f = tw_coro_new(tg_exit_body, sizeof *f);
    f->g = g;
    f->et = body_error;
    f->co.cleanup = tg_exit_cleanup;
    return &f->co;
}
