#line 1109 "chapters/tier1-coroutines.nw"
/* coro.c -- coroutine frames and the await dispatcher */
#include "private.h"

#line 1119 "chapters/tier1-coroutines.nw"
void *tw_coro_new(tw_coro_fn body, size_t frame_size)
{
    tw_coro *co;
    if (frame_size < sizeof(tw_coro))
        tw__fatal("tw_coro_new: frame smaller than tw_coro");
    co = tw__pool_alloc(frame_size);
    co->obj.kind = TW_KIND_CORO;
    co->obj.refs = 1;
    co->body = body;
    return co;
}

static void coro_free(tw_coro *co)
{
    if (co->cleanup)
        co->cleanup(co);
    if (co->held)
        tw_unref(co->held);
    tw_error_unref(co->got_err);
    tw_error_unref(co->err);
    tw__pool_free(co);
}

void tw_coro_close(tw_coro *co)
{
    tw_unref(co);
}
#line 1149 "chapters/tier1-coroutines.nw"
void *tw_ref(void *awaitable)
{
    tw_object *o = awaitable;
    if (o != NULL && o->refs > 0)
        o->refs++;
    return awaitable;
}

void tw_unref(void *awaitable)
{
    tw_object *o = awaitable;
    if (o == NULL || o->refs <= 0 || --o->refs > 0)
        return;
    switch (o->kind) {
    case TW_KIND_CORO:
        coro_free((tw_coro *)o);
        break;
    case TW_KIND_FUTURE:
    case TW_KIND_TASK:
        tw__future_free((tw_future *)o);
        break;
    default:
        break;
    }
}

static tw_object yield_object = { TW_KIND_YIELD, -1 };

void *tw_yield(void)
{
    return &yield_object;
}
#line 1189 "chapters/tier1-coroutines.nw"
void tw__coro_clear(tw_coro *co)
{
    tw_error_unref(co->got_err);
    co->got_err = NULL;
}

tw_step tw__coro_finish(tw_coro *co, tw_value v)
{
    tw__coro_clear(co);
    co->ret = v;
    co->resume = -1;
    return TW_FINISHED;
}

tw_step tw__coro_fail(tw_coro *co, tw_error *e)
{
    tw__coro_clear(co);
    co->err = e;
    co->resume = -1;
    return TW_FINISHED;
}

tw_step tw__coro_propagate(tw_coro *co)
{
    co->err = co->got_err;
    co->got_err = NULL;
    co->resume = -1;
    return TW_FINISHED;
}
#line 1246 "chapters/tier1-coroutines.nw"
int tw__await(tw_coro *co, void *awaitable)
{
    tw_object *o = awaitable;
    tw_task *t = co->task;
    if (t == NULL)
        tw__fatal("TW_AWAIT outside a task");
    if (co->held) {
        tw_unref(co->held);
        co->held = NULL;
    }
    tw__coro_clear(co);
    co->got = TW_NONE;
    switch (o->kind) {
    case TW_KIND_YIELD:
        t->yielded = true;
        return 1;
    case TW_KIND_CORO:
        
#line 1274 "chapters/tier1-coroutines.nw"
{
    tw_coro *child = (tw_coro *)o;
    if (child->state != CORO_CREATED) {
        co->got_err = tw_error_new(TW_ERR_RUNTIME, child->state == CORO_DONE
            ? "cannot reuse already awaited coroutine"
            : "coroutine is being awaited already");
        tw_unref(child);
        return 0;
    }
    child->state = CORO_RUNNING;
    child->caller = co;
    child->task = t;
    t->top = child;
    return 1;
}
#line 1264 "chapters/tier1-coroutines.nw"
    case TW_KIND_FUTURE:
    case TW_KIND_TASK:
        
#line 1292 "chapters/tier1-coroutines.nw"
{
    tw_future *f = (tw_future *)o;
    co->held = f;
    if (f->loop != t->fut.loop) {
        co->got_err = tw_error_new(TW_ERR_RUNTIME,
            "Task got Future attached to a different loop");
        return 0;
    }
    if ((tw_task *)f == t) {
        co->got_err = tw_error_new(TW_ERR_RUNTIME, "Task cannot await on itself");
        return 0;
    }
    if (f->state != TW__PENDING) {
        tw__future_outcome(f, &co->got, &co->got_err);
        return 0;
    }
    t->fut_waiter = f;
    tw__future_add_callback(f, tw__task_wakeup, t, NULL);
    return 1;
}
#line 1267 "chapters/tier1-coroutines.nw"
    default:
        tw__fatal("TW_AWAIT: %p is not awaitable", awaitable);
    }
}
