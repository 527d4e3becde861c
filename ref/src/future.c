#line 252 "chapters/tier3-futures.nw"
/* future.c -- futures */
#include "tier3.h"

#line 263 "chapters/tier3-futures.nw"
static const tw__future_class plain_future = {
    TW__FUTURE_OBJECT_CLASS(tw__future_describe), "Future", NULL, NULL, NULL, 0
};

void tw__future_init(tw_future *f, tw_loop *loop, uint32_t kind, const tw__future_class *cls)
{
    tw_object_init(&f->obj, cls ? &cls->obj : &plain_future.obj, kind);
    f->loop = loop;
    f->pool_class = TW__FUTURE_UNSIZED;
    f->cbs = &f->cb1;
}

tw_future *tw_future_new(tw_loop *loop)
{
    unsigned cls;
    tw_future *f = tw__pool_alloc(sizeof *f, &cls);
    tw__future_init(f, loop, TW_KIND_FUTURE, NULL);
    f->pool_class = (uint8_t)cls;
    return f;
}

struct tw__future_rare *tw__future_rare(tw_future *f)
{
    if (f->rare == NULL) {
        size_t size = tw__future_class_of(f)->rare_size;
        f->rare = tw__alloc(size ? size : sizeof *f->rare);
    }
    return f->rare;
}

tw_loop *tw_future_loop(const tw_future *f) { return f->loop; }
#line 311 "chapters/tier3-futures.nw"
static void future_free(tw_future *f)
{
    if (f->state == TW__DONE && f->error && !f->retrieved && !f->loop->closed) {
        char msg[64];
        tw_context ctx = { .message = msg, .error = f->error, .future = f };
        snprintf(msg, sizeof msg, "%s exception was never retrieved",
                 tw__future_class_of(f)->name);
        f->obj.refs = 1;            /* the handler may look at it */
        tw_loop_call_exception_handler(f->loop, &ctx);
    }
    if (tw__future_class_of(f)->finalize)
        tw__future_class_of(f)->finalize(f);
    if (f->ncb)
        tw__future_drop_callbacks(f);
    tw_unref(f->error);
    if (f->rare) {
        tw_unref(f->rare->cancelled_err);
        free(f->rare->cancel_msg);
        free(f->rare);
    }
    if (f->cbs != &f->cb1)
        free(f->cbs);
    tw__pool_give(f, f->pool_class);    /* TW__FUTURE_UNSIZED: to free */
}
#line 349 "chapters/tier3-futures.nw"
void tw__future_finalize(tw_object *o)
{
    future_free((tw_future *)o);
}

void tw__future_describe_state(tw_future *f, FILE *out)
{
    static const char *const states[] = { "pending", "finished", "cancelled" };
    fprintf(out, "%s %s", tw__future_class_of(f)->name, states[f->state]);
}

void tw__future_describe(tw_object *o, FILE *out)
{
    fputc('<', out);
    tw__future_describe_state((tw_future *)o, out);
    fputc('>', out);
}

int tw__future_await(tw_object *o, tw_coro *co)
{
    tw_future *f = (tw_future *)o;
    co->held = f;
    if (f->loop != tw__running) {
        co->got_err = tw_error_new(TW_ERR_RUNTIME,
            "Task got Future attached to a different loop");
        return 0;
    }
    if ((void *)f == (void *)tw__task_running) {
        co->got_err = tw_error_new(TW_ERR_RUNTIME, "Task cannot await on itself");
        return 0;
    }
    if (f->state != TW__PENDING) {
        tw__future_outcome(f, &co->got, &co->got_err);
        return 0;
    }
    return 1;
}
#line 408 "chapters/tier3-futures.nw"
static void callbacks_refit(tw_future *f, uint32_t n);

static inline void callbacks_fit(tw_future *f, uint32_t n)  /* the list is now cbs[0..n) */
{
    f->ncb = n;
    if (f->cbs != &f->cb1)
        callbacks_refit(f, n);
}

static tw_error *release_kept(tw_future *f, void *kept);

static void run_callbacks(tw_object *o, bool run)     /* the loop's runner */
{
    tw_future *f = (tw_future *)o;
    for (uint32_t i = 0; i < f->ncb; i++) {
        struct tw__cb cb = f->cbs[i];
        tw_error *err = run || cb.fn == release_kept ? cb.fn(f, cb.arg) : NULL;
        if (err)
            tw__loop_report_done_error(f->loop, cb.fn, f, cb.arg, err);
    }
    if (f->cb1_kept) {
        f->cb1_kept = false;
        release_kept(f, f->cb1.arg);
    }
    callbacks_fit(f, 0);
}

static atomic_bool runner_registered;

static inline void schedule_callbacks(tw_future *f)
{
    if (f->ncb == 0)
        return;
    if (!atomic_load_explicit(&runner_registered, memory_order_relaxed)) {
        tw__ready_set_runner(TW__RUN_CALLBACKS, run_callbacks);
        atomic_store_explicit(&runner_registered, true, memory_order_relaxed);
    }
    tw__ready_push_object(f->loop, &f->obj, TW__RUN_CALLBACKS);
}

void tw__future_complete(tw_future *f, tw_value v, tw_error *e)
{
    f->result = v;
    f->error = e;
    f->state = TW__DONE;
    schedule_callbacks(f);
}

static tw_error invalid_state =
    TW__STATIC_ERROR(TW_ERR_INVALID_STATE, "InvalidStateError", "invalid state");

#line 466 "chapters/tier3-futures.nw"
static tw_error task_set_result =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Task does not support set_result operation");
static tw_error task_set_exception =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Task does not support set_exception operation");

tw_error *tw_future_set_result(tw_future *f, tw_value v)
{
    if (f->obj.kind == TW_KIND_TASK)
        return &task_set_result;
    if (f->state != TW__PENDING)
        return &invalid_state;
    tw__future_complete(f, v, NULL);
    return NULL;
}

tw_error *tw_future_set_exception(tw_future *f, tw_error *e)
{
    if (f->obj.kind == TW_KIND_TASK) {
        tw_unref(e);
        return &task_set_exception;
    }
    if (f->state != TW__PENDING) {
        tw_unref(e);
        return &invalid_state;
    }
    tw__future_complete(f, TW_NONE, e);
    return NULL;
}

bool tw__future_cancel(tw_future *f, const char *msg)
{
    if (f->state != TW__PENDING)
        return false;
    f->state = TW__CANCELLED;
    if (msg || f->rare) {
        struct tw__future_rare *r = tw__future_rare(f);
        free(r->cancel_msg);
        r->cancel_msg = tw__strdup(msg);
    }
    schedule_callbacks(f);
    return true;
}

bool tw_future_cancel(tw_future *f, const char *msg)
{
    const tw__future_class *c = tw__future_class_of(f);
    return c->cancel ? c->cancel(f, msg) : tw__future_cancel(f, msg);
}
#line 523 "chapters/tier3-futures.nw"
tw_error *tw__future_cancelled_error(tw_future *f)
{
    struct tw__future_rare *r = f->rare;
    if (r && r->cancelled_err) {
        tw_error *e = r->cancelled_err;
        r->cancelled_err = NULL;
        return e;
    }
    return r && r->cancel_msg ? tw_error_new(TW_ERR_CANCELLED, "%s", r->cancel_msg)
                              : tw_error_new(TW_ERR_CANCELLED, NULL);
}

void tw__future_outcome(tw_future *f, tw_value *v, tw_error **e)
{
    *v = TW_NONE;
    *e = NULL;
    if (f->state == TW__CANCELLED)
        *e = tw__future_cancelled_error(f);
    else {
        f->retrieved = true;
        if (tw__future_class_of(f)->refresh)
            tw__future_class_of(f)->refresh(f);
        if (f->error)
            *e = tw_ref(f->error);
        else
            *v = f->result;
    }
}

bool tw_future_done(const tw_future *f) { return f->state != TW__PENDING; }
bool tw_future_cancelled(const tw_future *f) { return f->state == TW__CANCELLED; }

tw_error *tw_future_result(tw_future *f, tw_value *result)
{
    tw_value v;
    tw_error *e;
    if (f->state == TW__PENDING)
        return tw_error_new(TW_ERR_INVALID_STATE, "Result is not ready.");
    tw__future_outcome(f, &v, &e);
    if (result)
        *result = v;
    return e;
}

tw_error *tw_future_exception(tw_future *f, tw_error **exception)
{
    *exception = NULL;
    if (f->state == TW__PENDING)
        return tw_error_new(TW_ERR_INVALID_STATE, "Exception is not set.");
    if (f->state == TW__CANCELLED)
        return tw__future_cancelled_error(f);
    f->retrieved = true;
    *exception = tw_ref(f->error);
    return NULL;
}
#line 610 "chapters/tier3-futures.nw"
static uint32_t pow2_at_least(uint32_t n)
{
    uint32_t p = 2;
    while (p < n)
        p *= 2;
    return p;
}

static void callbacks_refit(tw_future *f, uint32_t n)     /* n callbacks in an array */
{
    if (n <= 1) {
        if (n == 1)
            f->cb1 = f->cbs[0];
        free(f->cbs);
        f->cbs = &f->cb1;
    } else
        f->cbs = tw__realloc(f->cbs, pow2_at_least(n) * sizeof *f->cbs);
}

static tw_error *release_kept(tw_future *f, void *kept)
{
    (void)f;
    tw_unref((tw_object *)kept);
    return NULL;
}

static void callbacks_append(tw_future *f, tw_done_fn fn, void *arg)
{
    if (f->ncb > 0 && (f->ncb & (f->ncb - 1)) == 0) {     /* full */
        struct tw__cb *cbs = tw__alloc(2 * f->ncb * sizeof *cbs);
        memcpy(cbs, f->cbs, f->ncb * sizeof *cbs);
        if (f->cbs != &f->cb1)
            free(f->cbs);
        f->cbs = cbs;
    }
    f->cbs[f->ncb].fn = fn;
    f->cbs[f->ncb].arg = arg;
    f->ncb++;
}

void tw__future_add_callback(tw_future *f, tw_done_fn fn, void *arg, void *keep)
{
    if (keep && keep != arg)
        tw__fatal("tw__future_add_callback: the reference kept must be the argument");
    if (f->cb1_kept) {                  /* the list leaves the future: say it in an entry */
        f->cb1_kept = false;
        callbacks_append(f, release_kept, f->cb1.arg);
    }
    if (keep && f->ncb == 0)
        f->cb1_kept = true;
    else if (keep) {
        callbacks_append(f, fn, arg);
        fn = release_kept;
    }
    callbacks_append(f, fn, arg);
}

void tw__future_drop_callbacks(tw_future *f)
{
    run_callbacks(&f->obj, false);
}

void tw_future_add_done_callback(tw_future *f, tw_done_fn fn, void *arg)
{
    if (f->state != TW__PENDING)
        tw__schedule_done(f->loop, fn, f, arg, NULL);
    else
        tw__future_add_callback(f, fn, arg, NULL);
}

size_t tw_future_remove_done_callback(tw_future *f, tw_done_fn fn, void *arg)
{
    uint32_t kept = 0;
    size_t removed = 0;
    if (f->state != TW__PENDING)
        return 0;                       /* its list is its entry's, in the ready queue */
    for (uint32_t i = 0; i < f->ncb; i++) {
        if (f->cbs[i].fn != fn || f->cbs[i].arg != arg) {
            f->cbs[kept++] = f->cbs[i];
            continue;
        }
        removed++;
        if (f->cb1_kept) {
            f->cb1_kept = false;
            release_kept(f, arg);
        } else if (i + 1 < f->ncb && f->cbs[i + 1].fn == release_kept)
            release_kept(f, f->cbs[++i].arg);          /* the removed callback's */
    }
    callbacks_fit(f, kept);
    return removed;
}
