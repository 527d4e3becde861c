#line 373 "chapters/tier1-coroutines.nw"
/* tower/coro.h -- stackless coroutines and await (see the book, tier 1) */
#ifndef TOWER_CORO_H
#define TOWER_CORO_H
#include "tower/error.h"

#line 407 "chapters/tier1-coroutines.nw"
typedef enum tw_kind {
    TW_KIND_CORO = 1,
    TW_KIND_FUTURE,
    TW_KIND_TASK,
    TW_KIND_YIELD
} tw_kind;

typedef struct tw_coro tw_coro;
typedef struct tw_class tw_class;

typedef struct tw_object {
    uint32_t kind;
    int32_t refs;               /* < 0: static and immortal */
    const tw_class *cls;
} tw_object;

struct tw_class {
    void (*finalize)(tw_object *o);
    void (*describe)(tw_object *o, FILE *out);
    int (*await)(tw_object *o, tw_coro *co);
};

void *tw_ref(void *object);
void tw_unref(void *object);
#line 483 "chapters/tier1-coroutines.nw"
typedef struct tw_awaitable tw_awaitable;
struct tw_future;
struct tw_task;

#define TW_AWAITABLE(x) _Generic((x),                                   \
        tw_coro *: (tw_awaitable *)(void *)(x),                         \
        struct tw_future *: (tw_awaitable *)(void *)(x),                \
        struct tw_task *: (tw_awaitable *)(void *)(x),                  \
        tw_awaitable *: (tw_awaitable *)(void *)(x),                    \
        tw_object *: (tw_awaitable *)(void *)(x))

#define tw_ref(x) _Generic((x),                                         \
        tw_coro *: (tw_coro *)tw_ref(x),                                \
        struct tw_future *: (struct tw_future *)tw_ref(x),              \
        struct tw_task *: (struct tw_task *)tw_ref(x),                  \
        tw_awaitable *: (tw_awaitable *)tw_ref(x),                      \
        default: tw_ref(x))
#line 533 "chapters/tier1-coroutines.nw"
typedef enum tw_step { TW_SUSPENDED = 0, TW_FINISHED = 1 } tw_step;
typedef tw_step (*tw_coro_fn)(tw_coro *co);
struct tw_task;

struct tw_coro {
    tw_object obj;
    tw_coro_fn body;
    int resume;
    uint16_t state;
    uint16_t pool_class;        /* the pool's class of the frame's block */
    tw_coro *caller;
    struct tw_task *task;
    void *held;
    tw_object *awaiting;
    tw_value got;
    tw_error *got_err;
    tw_value ret;
    tw_error *err;
    void (*cleanup)(tw_coro *co);
};
#line 556 "chapters/tier1-coroutines.nw"
void *tw_coro_new(tw_coro_fn body, size_t frame_size);
tw_coro *tw_coro_call(tw_coro_fn body);
void tw_coro_close(tw_coro *co);
tw_coro *tw_yield(void);

int tw__await(tw_coro *co, tw_awaitable *awaitable);
tw_step tw__coro_finish(tw_coro *co, tw_value v);
tw_step tw__coro_fail(tw_coro *co, tw_error *e);
tw_step tw__coro_propagate(tw_coro *co);
void tw__coro_clear(tw_coro *co);
tw_error *tw__coro_take_error(tw_coro *co);
#line 605 "chapters/tier1-coroutines.nw"
#define TW_BEGIN(co) switch ((co)->resume) { case 0:
#define TW_END(co) } return tw__coro_finish((co), TW_NONE)

#define TW__AWAIT(co, aw, catching)                                     \
    do {                                                                \
        if (tw__await((co), TW_AWAITABLE(aw))) {                        \
            (co)->resume = __LINE__;                                    \
            return TW_SUSPENDED;                                        \
            case __LINE__:;                                             \
        }                                                               \
        if (!(catching) && (co)->got_err)                               \
            return tw__coro_propagate(co);                              \
    } while (0)
#define TW_AWAIT(co, aw) TW__AWAIT(co, aw, 0)
#define TW_AWAIT_TRY(co, aw) TW__AWAIT(co, aw, 1)
#define TW_YIELD(co) TW_AWAIT(co, tw_yield())

#define TW_RESULT(co) ((co)->got)
#define TW_ERROR(co) ((co)->got_err)
#define TW_CLEAR(co) tw__coro_clear(co)
#define TW_TAKE_ERROR(co) tw__coro_take_error(co)
#define TW_RETURN(co, v) return tw__coro_finish((co), (v))
#define TW_RAISE(co, e) return tw__coro_fail((co), (e))
#define TW_RERAISE(co) return tw__coro_propagate(co)
#line 675 "chapters/tier1-coroutines.nw"
typedef struct tw_agen {
    tw_coro co;
    uint8_t gstate;             /* created, suspended at a yield, running, done */
    struct tw_agen *next;       /* in the list of the loop that first iterated it */
} tw_agen;

void *tw_agen_new(tw_coro_fn body, size_t frame_size);
tw_coro *tw_agen_anext(tw_agen *g);
tw_coro *tw_agen_aclose(tw_agen *g);

#define TW_AGEN_YIELD(co, v)                                            \
    do {                                                                \
        (co)->ret = (v);                                                \
        (co)->resume = __LINE__;                                        \
        return TW_FINISHED;                                             \
        case __LINE__:;                                                 \
    } while (0)
#line 383 "chapters/tier1-coroutines.nw"
#endif
