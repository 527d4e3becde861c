#line 1589 "chapters/tier1-coroutines.nw"
/* coro.c -- coroutine frames and the await dispatcher */
#include "tier1.h"

static const tw_class coro_class;

#line 1601 "chapters/tier1-coroutines.nw"
void *tw_coro_new(tw_coro_fn body, size_t frame_size)
{
    tw_coro *co;
    if (frame_size < sizeof(tw_coro))
        tw__fatal("tw_coro_new: frame smaller than tw_coro");
    co = tw__pool_alloc(frame_size);
    co->pool_class = (uint16_t)tw__pool_class_capped(frame_size);
    co->obj.kind = TW_KIND_CORO;
    co->obj.refs = 1;
    co->obj.cls = &coro_class;
    co->body = body;
    return co;
}

tw_coro *tw_coro_call(tw_coro_fn body)
{
    return tw_coro_new(body, sizeof(tw_coro));
}

static void coro_free(tw_coro *co)
{
    if (co->cleanup)
        co->cleanup(co);
    if (co->held)
        tw__unref(co->held);
    tw_unref(co->err);                  /* or got_err: one word */
    tw__pool_give(co, co->pool_class);
}

void tw_coro_close(tw_coro *co)
{
    tw_unref(co);
}
#line 1642 "chapters/tier1-coroutines.nw"
void tw__coro_clear(tw_coro *co)
{
    tw_unref(co->got_err);
    co->got_err = NULL;
}

tw_error *tw__coro_take_error(tw_coro *co)
{
    tw_error *e = co->got_err;
    co->got_err = NULL;
    return e;
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
    co->resume = -1;                    /* got_err is err: it stays where it is */
    return TW_FINISHED;
}
#line 1690 "chapters/tier1-coroutines.nw"
int tw__await(tw_coro *co, tw_awaitable *awaitable)
{
    tw_object *o = (tw_object *)(void *)awaitable;
    int suspend;
    if (co->task == NULL)
        tw__fatal("TW_AWAIT outside a task");
    if (co->held) {
        tw__unref(co->held);
        co->held = NULL;
    }
    tw__coro_clear(co);
    co->got = TW_NONE;
    if (o->cls == NULL || o->cls->await == NULL)
        tw__fatal("TW_AWAIT: %p is not awaitable", (void *)awaitable);
    suspend = o->cls->await(o, co);
    if (suspend)
        co->held = o;       /* a future's await put it there already */
    return suspend;
}
#line 1734 "chapters/tier1-coroutines.nw"
void tw__coro_finalize(tw_object *o)
{
    coro_free((tw_coro *)o);
}

void tw__coro_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<coroutine object at %p>", (void *)o);
}

int tw__coro_await(tw_object *o, tw_coro *co)
#line 1788 "chapters/tier1-coroutines.nw"
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
    child->task = co->task;
    return 1;
}

#line 1747 "chapters/tier1-coroutines.nw"
static const tw_class coro_class = { tw__coro_finalize, tw__coro_describe, tw__coro_await };

#line 1765 "chapters/tier1-coroutines.nw"
static void yield_describe(tw_object *o, FILE *out)
{
    (void)o;
    fputs("<yield>", out);
}

static int yield_await(tw_object *o, tw_coro *co)
{
    (void)o;
    (void)co;
    return 1;
}

static const tw_class yield_class = { NULL, yield_describe, yield_await };
static tw_coro yield_object = { .obj = { TW_KIND_YIELD, -1, &yield_class } };

tw_coro *tw_yield(void)
{
    return &yield_object;
}
