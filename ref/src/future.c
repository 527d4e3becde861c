#line 206 "chapters/tier3-futures.nw"
/* future.c -- futures */
#include "tier3.h"

static const tw_class future_object_class;

#line 219 "chapters/tier3-futures.nw"
static const tw__future_class plain_future = { "Future", NULL, NULL, NULL };

void tw__future_init(tw_future *f, tw_loop *loop, uint32_t kind, const tw__future_class *cls)
{
    f->obj.kind = kind;
    f->obj.refs = 1;
    f->obj.cls = &future_object_class;
    f->loop = loop;
    f->cls = cls ? cls : &plain_future;
    f->pool_class = TW__POOL_UNSIZED;
    f->cbs = &f->cb1;
    f->capcb = 1;
}

tw_future *tw_future_new(tw_loop *loop)
{
    tw_future *f = tw__pool_alloc(sizeof *f);
    tw__future_init(f, loop, TW_KIND_FUTURE, NULL);
    f->pool_class = (uint16_t)tw__pool_class_capped(sizeof *f);
    return f;
}

tw_loop *tw_future_loop(const tw_future *f) { return f->loop; }
#line 256 "chapters/tier3-futures.nw"
static void future_free(tw_future *f)
{
    if (f->state == TW__DONE && f->error && !f->retrieved && !f->loop->closed) {
        char msg[64];
        tw_context ctx = { .message = msg, .error = f->error, .future = f };
        snprintf(msg, sizeof msg, "%s exception was never retrieved", f->cls->name);
        f->obj.refs = 1;            /* the handler may look at it */
        tw_loop_call_exception_handler(f->loop, &ctx);
    }
    if (f->cls->finalize)
        f->cls->finalize(f);
    tw__future_drop_callbacks(f);
    tw_error_unref(f->error);
    tw_error_unref(f->cancelled_err);
    free(f->cancel_msg);
    if (f->cbs != &f->cb1)
        free(f->cbs);
    if (f->pool_class == TW__POOL_UNSIZED)
        tw__pool_free(f);
    else
        tw__pool_give(f, f->pool_class);
}
#line 292 "chapters/tier3-futures.nw"
void tw__future_finalize(tw_object *o)
{
    future_free((tw_future *)o);
}

void tw__future_describe_state(tw_future *f, FILE *out)
{
    static const char *const states[] = { "pending", "finished", "cancelled" };
    fprintf(out, "%s %s", f->cls->name, states[f->state]);
}

static void future_describe(tw_object *o, FILE *out)
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
    if ((void *)f == (void *)co->task) {
        co->got_err = tw_error_new(TW_ERR_RUNTIME, "Task cannot await on itself");
        return 0;
    }
    if (f->state != TW__PENDING) {
        tw__future_outcome(f, &co->got, &co->got_err);
        return 0;
    }
    return 1;
}

static const tw_class future_object_class = {
    tw__future_finalize, future_describe, tw__future_await
};
#line 339 "chapters/tier3-futures.nw"
static void schedule_callbacks(tw_future *f)
{
    for (uint32_t i = 0; i < f->ncb; i++)
        tw__schedule_done(f->loop, f->cbs[i].fn, f, f->cbs[i].arg, f->cbs[i].keep);
    f->ncb = 0;
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

tw_error *tw_future_set_result(tw_future *f, tw_value v)
{
    if (f->state != TW__PENDING)
        return &invalid_state;
    tw__future_complete(f, v, NULL);
    return NULL;
}

tw_error *tw_future_set_exception(tw_future *f, tw_error *e)
{
    if (f->state != TW__PENDING) {
        tw_error_unref(e);
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
    free(f->cancel_msg);
    f->cancel_msg = tw__strdup(msg);
    schedule_callbacks(f);
    return true;
}

bool tw_future_cancel(tw_future *f, const char *msg)
{
    return f->cls->cancel ? f->cls->cancel(f, msg) : tw__future_cancel(f, msg);
}
#line 399 "chapters/tier3-futures.nw"
tw_error *tw__future_cancelled_error(tw_future *f)
{
    tw_error *e = f->cancelled_err;
    if (e) {
        f->cancelled_err = NULL;
        return e;
    }
    return f->cancel_msg ? tw_error_new(TW_ERR_CANCELLED, "%s", f->cancel_msg)
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
        if (f->cls->refresh)
            f->cls->refresh(f);
        if (f->error)
            *e = tw_error_ref(f->error);
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
    *exception = tw_error_ref(f->error);
    return NULL;
}
#line 460 "chapters/tier3-futures.nw"
void tw__future_add_callback(tw_future *f, tw_done_fn fn, void *arg, void *keep)
{
    if (f->ncb == f->capcb) {
        uint32_t cap = f->capcb * 2;
        struct tw__cb *cbs = tw__alloc(cap * sizeof *cbs);
        memcpy(cbs, f->cbs, f->ncb * sizeof *cbs);
        if (f->cbs != &f->cb1)
            free(f->cbs);
        f->cbs = cbs;
        f->capcb = cap;
    }
    f->cbs[f->ncb].fn = fn;
    f->cbs[f->ncb].arg = arg;
    f->cbs[f->ncb].keep = keep;
    f->ncb++;
}

void tw__future_drop_callbacks(tw_future *f)
{
    for (uint32_t i = 0; i < f->ncb; i++)
        if (f->cbs[i].keep)
            tw_unref(f->cbs[i].keep);
    f->ncb = 0;
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
    for (uint32_t i = 0; i < f->ncb; i++) {
        if (f->cbs[i].fn != fn || f->cbs[i].arg != arg)
            f->cbs[kept++] = f->cbs[i];
        else if (f->cbs[i].keep)
            tw_unref(f->cbs[i].keep);
    }
    {
        size_t removed = f->ncb - kept;
        f->ncb = kept;
        return removed;
    }
}
