#line 824 "chapters/tier4-tasks.nw"
/* task.c -- tasks, sleep and the combinators: asyncio's tasks.py */
#include "tier4.h"
#include <math.h>
#include <stdio.h>

#line 863 "chapters/tier4-tasks.nw"
struct tw__loop_tasks {
    tw_loop *loop;
    tw_task *tasks;                     /* the unfinished tasks, the newest first */
    size_t ntasks;
    tw__resource tasks_at_close;        /* destroys the tasks left unfinished */
    tw_task_factory factory;            /* set_task_factory's, or NULL */
    void *factory_data;
};

static tw__loop_key tasks_key;

static inline struct tw__loop_tasks *tasks_of(tw_loop *L)
{
    return tw__loop_state(L, &tasks_key, sizeof(struct tw__loop_tasks), NULL);
}
#line 896 "chapters/tier4-tasks.nw"
static void tasks_loop_closed(tw__resource *r)
{
    struct tw__loop_tasks *T = (struct tw__loop_tasks *)(void *)
        ((char *)r - offsetof(struct tw__loop_tasks, tasks_at_close));
    tw__resource_detach(T->loop, r);
    tw__loop_destroy_tasks(T->loop);
}

static void task_run(tw_object *o, bool run);

static void destroy_tasks_at_close(tw_loop *L, struct tw__loop_tasks *T)
{
    if (!tw__resource_attached(&T->tasks_at_close)) {
        T->loop = L;
        tw__resource_attach_in(L, &T->tasks_at_close, TW__CLOSE_TASKS, tasks_loop_closed);
        tw__ready_set_runner(TW__RUN_TASK, task_run);
    }
}
#line 917 "chapters/tier4-tasks.nw"
static void task_link(tw_loop *L, tw_task *t)
{
    struct tw__loop_tasks *T = tasks_of(L);
    destroy_tasks_at_close(L, T);
    t->prev = NULL;
    t->next = T->tasks;
    if (T->tasks)
        T->tasks->prev = t;
    T->tasks = t;
    T->ntasks++;
}

static void task_unlink(tw_loop *L, tw_task *t)
{
    struct tw__loop_tasks *T = tasks_of(L);
    if (t->prev)
        t->prev->next = t->next;
    else
        T->tasks = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->prev = t->next = NULL;
    T->ntasks--;
}
#line 1170 "chapters/tier4-tasks.nw"
static bool task_cancel(tw_future *f, const char *msg);
static tw_error *task_wakeup(tw_future *f, void *task);

static void task_drop_frames(tw_task *t)
{
    tw_coro *co = t->top;
    t->top = NULL;
    while (co) {
        tw_coro *caller = co->caller;
        co->caller = NULL;
        if (caller)
            caller->held = NULL;        /* co, which it does not count */
        tw_unref(co);
        co = caller;
    }
}

static void task_finalize(tw_future *f)
{
    tw_task *t = (tw_task *)f;
    task_drop_frames(t);
    if (!(t->name & 1))
        free((char *)t->name);
    
#line 2120 "chapters/tier4-tasks.nw"
    tw__vars_unref(t->vars);
    tw_unref(tw__task_ctx(t));
#line 1194 "chapters/tier4-tasks.nw"
}

static void task_describe(tw_object *o, FILE *out)
{
    fputc('<', out);
    tw__future_describe_state((tw_future *)o, out);
    fprintf(out, " name='%s'>", tw_task_name((tw_task *)o));
}

static const tw__future_class task_class = {
    TW__FUTURE_OBJECT_CLASS(task_describe), "Task", task_cancel, task_finalize, NULL,
    sizeof(struct tw__task_rare)
};

void tw__loop_destroy_tasks(tw_loop *L)
{
    struct tw__loop_tasks *T = tasks_of(L);
    while (T->tasks) {
        tw_task *t = T->tasks;
        tw_context ctx = { .message = "Task was destroyed but it is pending!", .task = t };
        tw_loop_call_exception_handler(L, &ctx);
        task_unlink(L, t);
        if (t->fut.sub & TW__TASK_WAITING) {
            tw_future_remove_done_callback(t->top->held, task_wakeup, t);
            t->fut.sub &= ~TW__TASK_WAITING;
        }
        task_drop_frames(t);
        tw__future_drop_callbacks(&t->fut);
        tw_unref(t);
    }
}
#line 951 "chapters/tier4-tasks.nw"
static atomic_ullong task_counter;

tw_task *tw_task_new(tw_loop *L, tw_coro *coro, const char *name)
{
    tw_task *t;
    unsigned cls;
    if (L->closed) {
        tw_coro_close(coro);
        return NULL;
    }
    if (coro->obj.kind == TW_KIND_YIELD)          /* tw_sleep(0) */
        coro = tw_sleep_value(0, TW_NONE);
    t = tw__pool_alloc(sizeof *t, &cls);
    tw__future_init(&t->fut, L, TW_KIND_TASK, &task_class);
    t->fut.pool_class = (uint8_t)cls;
    t->fut.obj.refs = 2;                  /* the caller's and the loop's */
    if (name)
        t->name = (uintptr_t)tw__strdup(name);
    else                                        /* named when asked */
        t->name = (uintptr_t)(atomic_fetch_add(&task_counter, 1) + 1) << 1 | 1;
    t->top = coro;
    coro->state = CORO_RUNNING;
    task_link(L, t);
    
#line 2110 "chapters/tier4-tasks.nw"
    t->vars = tw__vars_ref(tw__vars_current());
#line 975 "chapters/tier4-tasks.nw"
    tw__ready_push_object(L, &t->fut.obj, TW__RUN_TASK);   /* its first step: task_run */
    return t;
}

tw_task *tw_loop_create_task(tw_loop *L, tw_coro *coro, const char *name)
{
    struct tw__loop_tasks *T;
    if (L->closed)
        return tw_task_new(L, coro, name);      /* which refuses, closing coro */
    T = tasks_of(L);
    if (T->factory)
        return T->factory(L, coro, name, T->factory_data);
    return tw_task_new(L, coro, name);
}

void tw_loop_set_task_factory(tw_loop *L, tw_task_factory factory, void *data)
{
    struct tw__loop_tasks *T = tasks_of(L);
    T->factory = factory;
    T->factory_data = data;
}

tw_task_factory tw_loop_get_task_factory(tw_loop *L)
{
    return tasks_of(L)->factory;
}

tw_task *tw_create_task(tw_coro *coro, const char *name)
{
    if (tw__running == NULL)
        tw__fatal("tw_create_task: no running event loop");
    return tw_loop_create_task(tw__running, coro, name);
}
#line 1023 "chapters/tier4-tasks.nw"
static void task_finish(tw_task *t, tw_coro *co);

static void task_step(tw_task *t, tw_error *exc)
{
    tw_loop *L = t->fut.loop;
    tw_task *outer = tw__task_running;
    tw_coro *co = t->top;
    if (t->fut.state != TW__PENDING || co == NULL) {
        tw_unref(exc);
        return;
    }
    if (t->fut.sub & TW__TASK_MUST_CANCEL) {
        if (!tw_error_is(exc, TW_ERR_CANCELLED)) {
            tw_unref(exc);
            exc = tw__future_cancelled_error(&t->fut);
        }
    }
    t->fut.sub = 0;                     /* neither must cancel nor waits */
    if (exc) {
        tw__coro_clear(co);
        co->got_err = exc;
    }
    tw__task_running = t;
    
#line 2113 "chapters/tier4-tasks.nw"
    struct tw__vars **outer_vars = tw__vars_slot;
    tw__vars_slot = tw__task_ctx(t) ? &tw__task_ctx(t)->vars : &t->vars;
#line 1047 "chapters/tier4-tasks.nw"
    
#line 2314 "chapters/tier1-coroutines.nw"
for (;;) {
    tw_step st;
    if (co->resume == 0 && co->got_err)
        st = TW_FINISHED;               /* got_err is err */
    else {
        co->state = CORO_RUNNING;
        st = co->body(co);
    }
    if (st == TW_SUSPENDED) {
        if (((tw_object *)co->held)->kind == TW_KIND_CORO) {
            co = t->top = co->held;
            continue;
        }
        break;
    }
    co->state = CORO_DONE;
    if (co->caller == NULL)
        break;
    {
        tw_coro *parent = co->caller;
        parent->got = co->ret;
        parent->got_err = co->err;
        parent->held = NULL;            /* the child, not counted */
        co->err = NULL;
        co->caller = NULL;
        t->top = parent;
        tw_unref(co);
        co = parent;
    }
}
#line 1048 "chapters/tier4-tasks.nw"
    
#line 2117 "chapters/tier4-tasks.nw"
    tw__vars_slot = outer_vars;
#line 1049 "chapters/tier4-tasks.nw"
    tw__task_running = outer;
    if (co->state == CORO_DONE)
        task_finish(t, co);
    else if (co->held == tw_yield())
        tw__ready_push_object(L, &t->fut.obj, TW__RUN_TASK);
    else {
        tw_future *waiter = co->held;       /* a pending future: nothing else suspends */
        t->fut.sub |= TW__TASK_WAITING;
        tw__future_add_callback(waiter, task_wakeup, t, NULL);
        if ((t->fut.sub & TW__TASK_MUST_CANCEL)
            && tw_future_cancel(waiter, t->fut.rare->cancel_msg))
            t->fut.sub &= ~TW__TASK_MUST_CANCEL;
    }
}

static void task_run(tw_object *o, bool run)   /* the loop's runner: the next step */
{
    if (run)
        task_step((tw_task *)o, NULL);
}

static tw_error *task_wakeup(tw_future *f, void *task)
{
    tw_task *t = task;
    tw_value v;
    tw_error *e;
    if (t->fut.state != TW__PENDING || t->top == NULL)
        return NULL;
    tw__future_outcome(f, &v, &e);
    t->top->got = v;
    task_step(t, e);
    return NULL;
}
#line 1092 "chapters/tier4-tasks.nw"
static void task_finish(tw_task *t, tw_coro *co)
{
    tw_loop *L = t->fut.loop;
    tw_error *err = co->err;
    tw_value ret = co->ret;
    co->err = NULL;
    t->top = NULL;
    tw_unref(co);
    if (err && tw_error_is(err, TW_ERR_CANCELLED)) {
        tw__future_cancel(&t->fut, NULL);
        tw__future_rare(&t->fut)->cancelled_err = err;
    } else if (err)
        tw__future_complete(&t->fut, TW_NONE, err);
    else if (t->fut.sub & TW__TASK_MUST_CANCEL) {    /* so cancel made the rare record */
        char *msg = t->fut.rare->cancel_msg;
        t->fut.rare->cancel_msg = NULL;
        t->fut.sub &= ~TW__TASK_MUST_CANCEL;
        tw__future_cancel(&t->fut, msg);
        free(msg);
    } else
        tw__future_complete(&t->fut, ret, NULL);
    task_unlink(L, t);
    tw_unref(t);
}
#line 1121 "chapters/tier4-tasks.nw"
static bool task_cancel(tw_future *f, const char *msg)
{
    tw_task *t = (tw_task *)f;
    struct tw__task_rare *r;
    if (f->state != TW__PENDING)
        return false;
    r = tw__task_rare(t);
    r->num_cancels++;
    if ((f->sub & TW__TASK_WAITING) && tw_future_cancel(t->top->held, msg))
        return true;
    f->sub |= TW__TASK_MUST_CANCEL;
    free(r->fut.cancel_msg);
    r->fut.cancel_msg = tw__strdup(msg);
    return true;
}

bool tw_task_cancel(tw_task *t, const char *msg) { return task_cancel(&t->fut, msg); }

int tw_task_cancelling(const tw_task *t)
{
    return t->fut.rare ? ((struct tw__task_rare *)(void *)t->fut.rare)->num_cancels : 0;
}

int tw_task_uncancel(tw_task *t)
{
    struct tw__task_rare *r = (struct tw__task_rare *)(void *)t->fut.rare;
    if (r == NULL)
        return 0;
    if (r->num_cancels > 0)
        r->num_cancels--;
    return r->num_cancels;
}
#line 1235 "chapters/tier4-tasks.nw"
const char *tw_task_name(const tw_task *t)
{
    if (t->name & 1) {
        char buf[32];
        snprintf(buf, sizeof buf, "Task-%llu", (unsigned long long)(t->name >> 1));
        ((tw_task *)t)->name = (uintptr_t)tw__strdup(buf);   /* a cache: the task is not const */
    }
    return (const char *)t->name;
}

size_t tw_task_get_stack(const tw_task *t, tw_frame *frames, size_t limit)
{
    size_t depth = 0, n, k = 0;
    tw_coro *co;
    if (tw_future_done(&t->fut))
        return 0;
    for (co = t->top; co; co = co->caller)
        depth++;
    n = depth < limit ? depth : limit;
    for (co = t->top; k < n; co = co->caller, k++)     /* newest first, stored from the end */
        if (!tw_coro_frame(co, &frames[n - 1 - k]))
            frames[n - 1 - k] = (tw_frame){ "?", "?", 0 };
    return depth;
}

void tw_task_print_stack(tw_task *t, int limit, FILE *out)
{
    size_t depth = tw_task_get_stack(t, NULL, 0), n;
    tw_frame *frames;
    tw_error *err = NULL;
    n = limit < 0 || (size_t)limit > depth ? depth : (size_t)limit;
    frames = tw__alloc((n ? n : 1) * sizeof *frames);
    tw_task_get_stack(t, frames, n);
    fputs(n ? "Stack for " : "No stack for ", out);
    t->fut.obj.cls->describe(&t->fut.obj, out);
    fputs(n ? " (most recent call last):\n" : "\n", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  File \"%s\", line %d, in %s\n", frames[i].file, frames[i].line,
                frames[i].name);
    free(frames);
    if (tw_future_done(&t->fut) && !tw_future_cancelled(&t->fut)
        && tw_future_exception(&t->fut, &err) == NULL && err) {
        tw_error_print(out, err);
        tw_unref(err);
    }
}

tw_coro *tw_task_get_coro(const tw_task *t)
{
    tw_coro *co = t->top;           /* the innermost frame: the coroutine is the outermost */
    while (co && co->caller)
        co = co->caller;
    return co;
}

void tw_task_set_name(tw_task *t, const char *name)
{
    if (!(t->name & 1))
        free((char *)t->name);
    t->name = (uintptr_t)tw__strdup(name);
}

tw_task *tw_current_task(void)
{
    return tw__task_running;
}

size_t tw_all_tasks(tw_loop *L, tw_task ***tasks)
{
    struct tw__loop_tasks *T = tasks_of(L);
    size_t n = 0;
    *tasks = tw__alloc(T->ntasks * sizeof **tasks);
    for (tw_task *t = T->tasks; t; t = t->next)
        (*tasks)[n++] = t;
    return n;
}
#line 1320 "chapters/tier4-tasks.nw"
struct sleep_frame {
    tw_coro co;
    double delay;
    tw_value value;
    tw_future *fut;
    tw_handle *timer;
};

static tw_error *sleep_wake(void *arg)
{
    tw_future *f = arg;
    if (f->state == TW__PENDING)
        tw__future_complete(f, TW_NONE, NULL);
    return NULL;
}

static void sleep_cleanup(tw_coro *co)
{
    struct sleep_frame *s = (struct sleep_frame *)co;
    if (s->timer) {
        tw_handle_cancel(s->timer);
        tw_handle_release(s->timer);
    }
    tw_unref(s->fut);
}

static tw_step sleep_body(tw_coro *co)
{
    struct sleep_frame *s = (struct sleep_frame *)co;
    tw_loop *L = tw__running;           /* the loop of the task whose step runs */
    TW_BEGIN(co);
    if (s->delay <= 0) {
        TW_YIELD(co);
        TW_RETURN(co, s->value);
    }
    s->fut = tw_future_new(L);
    s->timer = tw__call_at_obj(L, tw_loop_time(L) + s->delay, sleep_wake, s->fut, s->fut);
    s->timer->refs++;
    TW_AWAIT(co, tw_ref(s->fut));
    TW_RETURN(co, s->value);
    TW_END(co);
}

tw_coro *tw_sleep_value(double delay, tw_value value)
{
    struct sleep_frame *s = tw_coro_new(sleep_body, sizeof *s);
    s->delay = delay;
    s->value = value;
    s->co.cleanup = sleep_cleanup;
    return &s->co;
}

tw_coro *tw_sleep(double delay)
{
    return delay <= 0 ? tw_yield() : tw_sleep_value(delay, TW_NONE);
}
#line 1381 "chapters/tier4-tasks.nw"
tw_loop *tw__running_loop(const char *who)
{
    if (tw__running == NULL)
        tw__fatal("%s: no running event loop", who);
    return tw__running;
}

static tw_future *ensure_future(tw_loop *L, void *aw)
{
    tw_object *o = aw;
    if (o->kind == TW_KIND_FUTURE || o->kind == TW_KIND_TASK)
        return aw;
    return tw_task_future(tw_loop_create_task(L, aw, NULL));
}

static void on_done(tw_future *f, tw_done_fn fn, void *arg, void *keep)
{
    if (f->state != TW__PENDING)
        tw__schedule_done(f->loop, fn, f, arg, keep);
    else
        tw__future_add_callback(f, fn, arg, keep);
}

tw_error *tw__set_none_unless_done(tw_future *f)
{
    if (f->state == TW__PENDING)
        tw__future_complete(f, TW_NONE, NULL);
    return NULL;
}

static tw_error *release_waiter(void *waiter) { return tw__set_none_unless_done(waiter); }

static tw_error *release_waiter_done(tw_future *f, void *waiter)
{
    (void)f;
    return tw__set_none_unless_done(waiter);
}
#line 1427 "chapters/tier4-tasks.nw"
struct gather {
    tw_future fut;
    size_t n, nfinished;
    bool return_exceptions, cancel_requested;
    tw_future **children;
    tw_value *values;
    tw_error **errors;
    tw_gathered out;
};

static bool gather_cancel(tw_future *f, const char *msg)
{
    struct gather *g = (struct gather *)f;
    bool any = false;
    if (f->state != TW__PENDING)
        return false;
    for (size_t i = 0; i < g->n; i++)
        if (tw_future_cancel(g->children[i], msg))
            any = true;
    if (any)
        g->cancel_requested = true;
    return any;
}

static void gather_finalize(tw_future *f)
{
    struct gather *g = (struct gather *)f;
    for (size_t i = 0; i < g->n; i++) {
        tw_unref(g->children[i]);
        tw_unref(g->errors[i]);
    }
    free(g->children);
    free(g->values);
    free(g->errors);
}

static const tw__future_class gather_class = {
    TW__FUTURE_OBJECT_CLASS(tw__future_describe), "_GatheringFuture",
    gather_cancel, gather_finalize, NULL, 0
};
#line 1472 "chapters/tier4-tasks.nw"
static tw_error *gather_child_done(tw_future *child, void *arg)
{
    struct gather *g = arg;
    g->nfinished++;
    if (g->fut.state != TW__PENDING) {
        child->retrieved = true;
        return NULL;
    }
    if (!g->return_exceptions) {
        if (child->state == TW__CANCELLED) {
            tw__future_complete(&g->fut, TW_NONE, tw__future_cancelled_error(child));
            return NULL;
        }
        if (child->error) {
            child->retrieved = true;
            tw__future_complete(&g->fut, TW_NONE, tw_ref(child->error));
            return NULL;
        }
    }
    if (g->nfinished == g->n) {
        for (size_t i = 0; i < g->n; i++) {
            tw_future *c = g->children[i];
            if (c->state == TW__CANCELLED) {
                const char *msg = c->rare ? c->rare->cancel_msg : NULL;
                g->errors[i] = tw_error_new(TW_ERR_CANCELLED, "%s", msg ? msg : "");
            } else if (c->error) {
                c->retrieved = true;
                g->errors[i] = tw_ref(c->error);
            } else
                g->values[i] = c->result;
        }
        if (g->cancel_requested)
            tw__future_complete(&g->fut, TW_NONE, tw__future_cancelled_error(child));
        else
            tw__future_complete(&g->fut, TW_PTR(&g->out), NULL);
    }
    return NULL;
}

tw_future *tw_gather(size_t n, void *const *awaitables, bool return_exceptions)
{
    tw_loop *L = tw__running_loop("tw_gather");
    struct gather *g = tw__alloc(sizeof *g);
    tw__future_init(&g->fut, L, TW_KIND_FUTURE, &gather_class);
    g->n = n;
    g->return_exceptions = return_exceptions;
    g->children = tw__alloc(n * sizeof *g->children);
    g->values = tw__alloc(n * sizeof *g->values);
    g->errors = tw__alloc(n * sizeof *g->errors);
    g->out.n = n;
    g->out.values = g->values;
    g->out.errors = g->errors;
    for (size_t i = 0; i < n; i++)
        g->children[i] = ensure_future(L, awaitables[i]);
    if (n == 0)
        tw__future_complete(&g->fut, TW_PTR(&g->out), NULL);
    for (size_t i = 0; i < n; i++)
        on_done(g->children[i], gather_child_done, g, tw_ref(&g->fut));
    return &g->fut;
}
#line 1542 "chapters/tier4-tasks.nw"
struct wait {
    tw_future fut;
    size_t n, counter;
    tw_return_when when;
    tw_future **fs;
    tw_future **split;
    tw_waited out;
    tw_handle *timer;
};

static tw_error *wait_child_done(tw_future *child, void *arg);

static void wait_stop_watching(struct wait *w)
{
    if (w->timer) {
        tw_handle_cancel(w->timer);
        tw_handle_release(w->timer);
        w->timer = NULL;
    }
    for (size_t i = 0; i < w->n; i++)
        tw_future_remove_done_callback(w->fs[i], wait_child_done, w);
}

static void wait_release(struct wait *w)
{
    if (w->fut.state != TW__PENDING)
        return;
    tw__future_complete(&w->fut, TW_PTR(&w->out), NULL);
    wait_stop_watching(w);
}

/* not f.cancelled() and f.exception() is not None: asking marks the error retrieved */
static bool raised(tw_future *f)
{
    if (f->state != TW__DONE)
        return false;
    f->retrieved = true;
    return f->error != NULL;
}

static tw_error *wait_child_done(tw_future *child, void *arg)
{
    struct wait *w = arg;
    w->counter--;
    if (w->counter == 0 || w->when == TW_FIRST_COMPLETED
        || (w->when == TW_FIRST_EXCEPTION && raised(child)))
        wait_release(w);
    return NULL;
}

static tw_error *wait_timed_out(void *arg)
{
    wait_release(arg);
    return NULL;
}

static void wait_refresh(tw_future *f)
{
    struct wait *w = (struct wait *)f;
    size_t d = 0, p = w->n;
    if (f->error)               /* refused: fs may hold coroutines */
        return;
    for (size_t i = 0; i < w->n; i++)
        if (w->fs[i]->state != TW__PENDING)
            w->split[d++] = w->fs[i];
    for (size_t i = w->n; i-- > 0;)
        if (w->fs[i]->state == TW__PENDING)
            w->split[--p] = w->fs[i];
    w->out.ndone = d;
    w->out.npending = w->n - d;
    w->out.done = w->split;
    w->out.pending = w->split + d;
}

static bool wait_cancel(tw_future *f, const char *msg)
{
    if (!tw__future_cancel(f, msg))
        return false;
    wait_stop_watching((struct wait *)f);
    return true;
}

static void wait_finalize(tw_future *f)
{
    struct wait *w = (struct wait *)f;
    for (size_t i = 0; i < w->n; i++)
        if (((tw_object *)w->fs[i])->kind == TW_KIND_CORO)
            tw_coro_close((tw_coro *)w->fs[i]);     /* refused, never to run */
        else
            tw_unref(w->fs[i]);
    free(w->fs);
    free(w->split);
}

static const tw__future_class wait_class = {
    TW__FUTURE_OBJECT_CLASS(tw__future_describe), "Future",
    wait_cancel, wait_finalize, wait_refresh, 0
};
#line 1650 "chapters/tier4-tasks.nw"
static bool is_future(void *aw)
{
    uint32_t kind = ((tw_object *)aw)->kind;
    return kind == TW_KIND_FUTURE || kind == TW_KIND_TASK;
}

static tw_error *wait_refusal(size_t n, void *const *awaitables, tw_return_when when)
{
    if (n == 0)
        return tw_error_new(TW_ERR_VALUE, "Set of Tasks/Futures is empty.");
    if (when != TW_ALL_COMPLETED && when != TW_FIRST_COMPLETED && when != TW_FIRST_EXCEPTION)
        return tw_error_new(TW_ERR_VALUE, "Invalid return_when value: %d", (int)when);
    for (size_t i = 0; i < n; i++)
        if (!is_future(awaitables[i]))
            return tw_error_new(TW_ERR_TYPE,
                                "Passing coroutines is forbidden, use tasks explicitly.");
    return NULL;
}
#line 1674 "chapters/tier4-tasks.nw"
tw_future *tw_wait(size_t n, void *const *awaitables, double timeout, tw_return_when when)
{
    tw_loop *L = tw__running_loop("tw_wait");
    struct wait *w = tw__alloc(sizeof *w);
    tw_error *refused = wait_refusal(n, awaitables, when);
    tw__future_init(&w->fut, L, TW_KIND_FUTURE, &wait_class);
    w->n = w->counter = n;
    w->when = when;
    w->fs = tw__alloc(n * sizeof *w->fs);
    w->split = tw__alloc(n * sizeof *w->split);
    for (size_t i = 0; i < n; i++)
        w->fs[i] = awaitables[i];
    if (refused) {
        tw__future_complete(&w->fut, TW_NONE, refused);
        return &w->fut;
    }
    if (timeout != TW_FOREVER) {
        w->timer = tw__call_at_obj(L, tw_loop_time(L) + timeout, wait_timed_out, w, w);
        w->timer->refs++;
    }
    for (size_t i = 0; i < n; i++)
        on_done(w->fs[i], wait_child_done, w, tw_ref(&w->fut));
    return &w->fut;
}
#line 1708 "chapters/tier4-tasks.nw"
struct wait_for_frame {
    tw_coro co;
    tw_awaitable *aw;
    double timeout;
    tw_future *fut;
    tw_future *waiter;
    tw_handle *timer;
    tw_error *cancelled;
};

static void wait_for_cleanup(tw_coro *co)
{
    struct wait_for_frame *f = (struct wait_for_frame *)co;
    if (f->timer) {
        tw_handle_cancel(f->timer);
        tw_handle_release(f->timer);
    }
    if (f->fut && f->waiter)
        tw_future_remove_done_callback(f->fut, release_waiter_done, f->waiter);
    if (f->aw)
        tw_unref(f->aw);
    tw_unref(f->fut);
    tw_unref(f->waiter);
    tw_unref(f->cancelled);
}

static void wait_for_new_waiter(struct wait_for_frame *f)
{
    if (f->waiter) {
        tw_future_remove_done_callback(f->fut, release_waiter_done, f->waiter);
        tw_unref(f->waiter);
    }
    f->waiter = tw_future_new(f->fut->loop);
    on_done(f->fut, release_waiter_done, f->waiter, tw_ref(f->waiter));
}

static tw_step wait_for_body(tw_coro *co)
{
    struct wait_for_frame *f = (struct wait_for_frame *)co;
    tw_loop *L = tw__running;           /* the loop of the task whose step runs */
    TW_BEGIN(co);
    if (f->timeout == TW_FOREVER) {
        tw_awaitable *aw = f->aw;
        f->aw = NULL;
        TW_AWAIT(co, aw);
        TW_RETURN(co, TW_RESULT(co));
    }
    f->fut = ensure_future(L, f->aw);
    f->aw = NULL;
    if (f->timeout > 0 || f->fut->state == TW__PENDING) {
        if (f->timeout > 0) {
            wait_for_new_waiter(f);
            f->timer = tw__call_at_obj(L, tw_loop_time(L) + f->timeout, release_waiter,
                                       f->waiter, f->waiter);
            f->timer->refs++;
            TW_AWAIT_TRY(co, tw_ref(f->waiter));
            if (TW_ERROR(co))
                f->cancelled = TW_TAKE_ERROR(co);
        }
        if (f->fut->state == TW__PENDING) {
            
#line 1791 "chapters/tier4-tasks.nw"
wait_for_new_waiter(f);
tw_future_cancel(f->fut, NULL);
TW_AWAIT_TRY(co, tw_ref(f->waiter));
tw_future_remove_done_callback(f->fut, release_waiter_done, f->waiter);
if (TW_ERROR(co)) {
    tw_unref(f->cancelled);
    f->cancelled = TW_TAKE_ERROR(co);
}
#line 1769 "chapters/tier4-tasks.nw"
            if (f->cancelled) {
                tw_error *e = f->cancelled;
                f->cancelled = NULL;
                TW_RAISE(co, e);
            }
            if (f->fut->state == TW__CANCELLED)
                TW_RAISE(co, tw_error_new(TW_ERR_TIMEOUT, NULL));
        }
    }
    {
        tw_value v;
        tw_error *e;
        tw__future_outcome(f->fut, &v, &e);
        if (e)
            TW_RAISE(co, e);
        TW_RETURN(co, v);
    }
    TW_END(co);
}
#line 1802 "chapters/tier4-tasks.nw"
tw_coro *(tw_wait_for)(tw_awaitable *awaitable, double timeout)
{
    struct wait_for_frame *f = tw_coro_new(wait_for_body, sizeof *f);
    f->aw = awaitable;
    f->timeout = timeout;
    f->co.cleanup = wait_for_cleanup;
    return &f->co;
}
#line 1823 "chapters/tier4-tasks.nw"
struct shield {
    tw_future fut;
    tw_future *inner;
};

static tw_error *shield_inner_done(tw_future *inner, void *arg)
{
    tw_future *outer = arg;
    if (outer->state == TW__CANCELLED) {
        if (inner->state != TW__CANCELLED)
            inner->retrieved = true;
        return NULL;
    }
    if (inner->state == TW__CANCELLED)
        tw_future_cancel(outer, NULL);
    else if (inner->error) {
        inner->retrieved = true;
        tw__future_complete(outer, TW_NONE, tw_ref(inner->error));
    } else
        tw__future_complete(outer, inner->result, NULL);
    return NULL;
}

static tw_error *shield_outer_done(tw_future *outer, void *arg)
{
    struct shield *s = (struct shield *)outer;
    (void)arg;
    if (s->inner->state == TW__PENDING)
        tw_future_remove_done_callback(s->inner, shield_inner_done, outer);
    return NULL;
}

static void shield_finalize(tw_future *f)
{
    tw_unref(((struct shield *)f)->inner);
}

static const tw__future_class shield_class = {
    TW__FUTURE_OBJECT_CLASS(tw__future_describe), "Future", NULL, shield_finalize, NULL, 0
};

tw_future *(tw_shield)(tw_awaitable *awaitable)
{
    tw_loop *L = tw__running_loop("tw_shield");
    tw_future *inner = ensure_future(L, awaitable);
    struct shield *s;
    if (inner->state != TW__PENDING)
        return inner;
    s = tw__alloc(sizeof *s);
    tw__future_init(&s->fut, L, TW_KIND_FUTURE, &shield_class);
    s->inner = inner;
    tw__future_add_callback(inner, shield_inner_done, s, tw_ref(&s->fut));
    tw__future_add_callback(&s->fut, shield_outer_done, NULL, NULL);
    return &s->fut;
}
#line 1891 "chapters/tier4-tasks.nw"
struct tw_as_completed {
    tw_object obj;
    tw_loop *loop;
    tw_future **todo;
    size_t ntodo;
    tw_future **queue;
    size_t qhead, qlen, total;
    tw_future *getter;
    tw_handle *timer;
};

static void ac_put(tw_as_completed *ac, tw_future *f)
{
    ac->queue[ac->qhead + ac->qlen++] = f;
    if (ac->getter)
        tw__set_none_unless_done(ac->getter);
}

static tw_error *ac_on_completion(tw_future *f, void *arg)
{
    tw_as_completed *ac = arg;
    for (size_t i = 0; i < ac->ntodo; i++)
        if (ac->todo[i] == f) {
            ac->todo[i] = ac->todo[--ac->ntodo];
            ac_put(ac, f);
            if (ac->ntodo == 0 && ac->timer)
                tw_handle_cancel(ac->timer);
            break;
        }
    return NULL;
}

static tw_error *ac_on_timeout(void *arg)
{
    tw_as_completed *ac = arg;
    while (ac->ntodo) {
        tw_future *f = ac->todo[--ac->ntodo];
        tw_future_remove_done_callback(f, ac_on_completion, ac);
        tw_unref(f);
        ac_put(ac, NULL);
    }
    return NULL;
}

static void ac_finalize(tw_object *o)
{
    tw_as_completed *ac = (tw_as_completed *)o;
    for (size_t i = 0; i < ac->ntodo; i++)
        tw_unref(ac->todo[i]);
    for (size_t i = 0; i < ac->qlen; i++)
        tw_unref(ac->queue[ac->qhead + i]);
    if (ac->timer) {
        tw_handle_cancel(ac->timer);
        tw_handle_release(ac->timer);
    }
    tw_unref(ac->getter);
    free(ac->todo);
    free(ac->queue);
    free(ac);
}

static void ac_describe(tw_object *o, FILE *out)
{
    tw_as_completed *ac = (tw_as_completed *)o;
    fprintf(out, "<as_completed %zu of %zu pending>", ac->ntodo, ac->total);
}

static const tw_class ac_class = { ac_finalize, ac_describe, NULL };

tw_as_completed *tw_as_completed_new(size_t n, void *const *awaitables, double timeout)
{
    tw_loop *L = tw__running_loop("tw_as_completed_new");
    tw_as_completed *ac = tw__alloc(sizeof *ac);
    tw_object_init(&ac->obj, &ac_class, TW_KIND_OBJECT);
    ac->loop = L;
    ac->todo = tw__alloc(n * sizeof *ac->todo);
    ac->queue = tw__alloc(n * sizeof *ac->queue);
    ac->ntodo = ac->total = n;
    for (size_t i = 0; i < n; i++)
        ac->todo[i] = ensure_future(L, awaitables[i]);
    for (size_t i = 0; i < n; i++)
        on_done(ac->todo[i], ac_on_completion, ac, tw_ref(ac));
    if (n && timeout != TW_FOREVER)
        tw_call_later(L, timeout, ac_on_timeout, ac, &ac->timer);
    return ac;
}

size_t tw_as_completed_count(const tw_as_completed *ac) { return ac->total; }
#line 1982 "chapters/tier4-tasks.nw"
struct ac_next_frame {
    tw_coro co;
    tw_as_completed *ac;
};

static void ac_next_cleanup(tw_coro *co)
{
    tw_unref(((struct ac_next_frame *)co)->ac);
}

static tw_step ac_next_body(tw_coro *co)
{
    struct ac_next_frame *f = (struct ac_next_frame *)co;
    tw_as_completed *ac = f->ac;
    TW_BEGIN(co);
    while (ac->qlen == 0) {
        tw_unref(ac->getter);
        ac->getter = tw_future_new(ac->loop);
        TW_AWAIT(co, tw_ref(ac->getter));
        ac = f->ac;
    }
    {
        tw_future *done = ac->queue[ac->qhead++];
        tw_value v;
        tw_error *e;
        ac->qlen--;
        if (done == NULL)
            TW_RAISE(co, tw_error_new(TW_ERR_TIMEOUT, NULL));
        tw__future_outcome(done, &v, &e);
        tw_unref(done);
        if (e)
            TW_RAISE(co, e);
        TW_RETURN(co, v);
    }
    TW_END(co);
}

tw_coro *tw_as_completed_next(tw_as_completed *ac)
{
    struct ac_next_frame *f = tw_coro_new(ac_next_body, sizeof *f);
    f->ac = tw_ref(ac);
    f->co.cleanup = ac_next_cleanup;
    return &f->co;
}
