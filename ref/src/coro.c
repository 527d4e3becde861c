#line 2031 "chapters/tier1-coroutines.nw"
/* coro.c -- coroutine frames and the await dispatcher */
#include "tier1.h"

static const tw_class coro_class;

#line 2044 "chapters/tier1-coroutines.nw"
void *tw_coro_new(tw_coro_fn body, size_t frame_size)
{
    tw_coro *co;
    unsigned cls;
    if (frame_size < sizeof(tw_coro))
        tw__fatal("tw_coro_new: frame smaller than tw_coro");
    co = tw__pool_alloc(frame_size, &cls);
    co->pool_class = (uint16_t)cls;
    tw_object_init(&co->obj, &coro_class, TW_KIND_CORO);
    co->body = body;
    return co;
}

tw_coro *tw_coro_call(tw_coro_fn body)
{
    return tw_coro_new(body, sizeof(tw_coro));
}

static void coro_free(tw_coro *co)
{
    void (*never_awaited)(tw_coro *);
    if (co->state == CORO_CREATED && co->resume == 0
        && (never_awaited = atomic_load(&tw__coro_never_awaited)) != NULL)
        never_awaited(co);
    if (co->cleanup)
        co->cleanup(co);
    if (co->held)
        tw__unref(co->held);
    tw_unref(co->err);                  /* or got_err: one word */
    tw__pool_give(co, co->pool_class);
}

void tw_coro_close(tw_coro *co)
{
    co->state = CORO_DONE;              /* closed, not forgotten: nothing to report */
    tw_unref(co);
}
#line 2091 "chapters/tier1-coroutines.nw"
void (*_Atomic tw__coro_never_awaited)(tw_coro *co);
_Thread_local struct tw_task *tw__task_running;
#line 2101 "chapters/tier1-coroutines.nw"
static _Thread_local tw_frame named;

tw_step tw__coro_named(const char *name, const char *file, int line)
{
    named = (tw_frame){ name, file, line };
    return TW_SUSPENDED;
}

bool tw_coro_frame(tw_coro *co, tw_frame *frame)
{
    int resume = co->resume;
    if (co->body == NULL || resume == -1)
        return false;
    named = (tw_frame){ NULL, NULL, 0 };
    co->resume = TW__NAMING;
    (void)co->body(co);
    co->resume = resume;
    if (named.name == NULL)
        return false;
    *frame = named;
    if (resume != 0)
        frame->line = resume;
    return true;
}
#line 2133 "chapters/tier1-coroutines.nw"
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
#line 2181 "chapters/tier1-coroutines.nw"
int tw__await(tw_coro *co, tw_awaitable *awaitable)
{
    tw_object *o = (tw_object *)(void *)awaitable;
    int suspend;
    if (tw__task_running == NULL)
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
#line 2225 "chapters/tier1-coroutines.nw"
void tw__coro_finalize(tw_object *o)
{
    coro_free((tw_coro *)o);
}

void tw__coro_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<coroutine object at %p>", (void *)o);
}

int tw__coro_await(tw_object *o, tw_coro *co)
#line 2283 "chapters/tier1-coroutines.nw"
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
    return 1;
}

#line 2238 "chapters/tier1-coroutines.nw"
static const tw_class coro_class = { tw__coro_finalize, tw__coro_describe, tw__coro_await };

#line 2260 "chapters/tier1-coroutines.nw"
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
#line 2357 "chapters/tier1-coroutines.nw"
enum { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE };

void (*_Atomic tw__agen_firstiter)(tw_agen *g);

void *tw_agen_new(tw_coro_fn body, size_t frame_size)
{
    if (frame_size < sizeof(tw_agen))
        tw__fatal("tw_agen_new: frame smaller than tw_agen");
    return tw_coro_new(body, frame_size);
}

struct agen_call { tw_coro co; tw_agen *g; };

static void agen_call_cleanup(tw_coro *co)
{
    tw_unref(&((struct agen_call *)co)->g->co);
}

static tw_coro *agen_call(tw_agen *g, tw_coro_fn body)
{
    struct agen_call *f = tw_coro_new(body, sizeof *f);
    f->g = g;
    tw_ref(&g->co);
    f->co.cleanup = agen_call_cleanup;
    return &f->co;
}

static tw_coro *agen_resumed(tw_agen *g, tw_error *thrown)
{
    g->gstate = GEN_RUNNING;
    g->co.state = CORO_CREATED;
    tw__coro_clear(&g->co);
    g->co.got_err = thrown;
    return tw_ref(&g->co);
}

static tw_step anext_body(tw_coro *co)
{
    tw_agen *g = ((struct agen_call *)co)->g;
    void (*firstiter)(tw_agen *);
    TW_BEGIN(co);
    if (g->gstate == GEN_RUNNING)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME,
                                  "anext(): asynchronous generator is already running"));
    if (g->gstate == GEN_DONE)
        TW_RAISE(co, tw_error_new(TW_ERR_STOP_ASYNC_ITERATION, NULL));
    if (g->gstate == GEN_CREATED && (firstiter = atomic_load(&tw__agen_firstiter)) != NULL)
        firstiter(g);
    TW_AWAIT_TRY(co, agen_resumed(g, NULL));
    if (g->co.resume > 0) {
        g->gstate = GEN_SUSPENDED;
        TW_RETURN(co, TW_RESULT(co));
    }
    g->gstate = GEN_DONE;
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_RAISE(co, tw_error_new(TW_ERR_STOP_ASYNC_ITERATION, NULL));
    TW_END(co);
}

static tw_step aclose_body(tw_coro *co)
{
    tw_agen *g = ((struct agen_call *)co)->g;
    TW_BEGIN(co);
    if (g->gstate == GEN_RUNNING)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME,
                                  "aclose(): asynchronous generator is already running"));
    if (g->gstate != GEN_SUSPENDED) {
        g->gstate = GEN_DONE;
        TW_RETURN(co, TW_NONE);
    }
    TW_AWAIT_TRY(co, agen_resumed(g, tw_error_new(TW_ERR_GENERATOR_EXIT, NULL)));
    g->gstate = GEN_DONE;
    if (g->co.resume > 0)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "async generator ignored GeneratorExit"));
    if (tw_error_is(TW_ERROR(co), TW_ERR_GENERATOR_EXIT)
        || tw_error_is(TW_ERROR(co), TW_ERR_STOP_ASYNC_ITERATION))
        TW_CLEAR(co);
    TW_RERAISE(co);
    TW_END(co);
}

tw_coro *tw_agen_anext(tw_agen *g) { return agen_call(g, anext_body); }
tw_coro *tw_agen_aclose(tw_agen *g) { return agen_call(g, aclose_body); }
