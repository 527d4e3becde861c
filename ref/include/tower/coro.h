#line 635 "chapters/tier1-coroutines.nw"
/* tower/coro.h -- stackless coroutines and await (see the book, tier 1) */
#ifndef TOWER_CORO_H
#define TOWER_CORO_H
#include "tower/error.h"

#line 656 "chapters/tier1-coroutines.nw"
typedef struct tw_coro tw_coro;
#line 713 "chapters/tier1-coroutines.nw"
typedef struct tw_awaitable tw_awaitable;

#define TW__AWAITABLE_CASE(T, x) , T *: (tw_awaitable *)(void *)(x)
#define TW_AWAITABLE(x) _Generic((x),                                   \
        tw_awaitable *: (tw_awaitable *)(void *)(x)                     \
        TW__AWAITABLE_CASE(tw_coro, x) TW__AWAITABLE_CASE(tw_object, x)  \
        TW__AWAITABLES_3(TW__AWAITABLE_CASE, x)                         \
        TW__AWAITABLES_4(TW__AWAITABLE_CASE, x))
#define TW__AWAITABLES_3(F, x)
#define TW__AWAITABLES_4(F, x)
#line 754 "chapters/tier1-coroutines.nw"
typedef enum tw_step { TW_SUSPENDED = 0, TW_FINISHED = 1 } tw_step;
typedef tw_step (*tw_coro_fn)(tw_coro *co);
struct tw_coro {
    tw_object obj;
    tw_coro_fn body;
    int resume;
    uint16_t state;
    uint16_t pool_class;        /* the pool's class of the frame's block */
    tw_coro *caller;
    void *held;
    union { tw_value got; tw_value ret; };          /* running; finished */
    union { tw_error *got_err; tw_error *err; };
    void (*cleanup)(tw_coro *co);
};
#line 771 "chapters/tier1-coroutines.nw"
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
#line 885 "chapters/tier1-coroutines.nw"
typedef struct tw_frame {
    const char *name;           /* the body's __func__ */
    const char *file;           /* where it is: a chapter of the book, for the runtime */
    int line;                   /* where it is suspended, or where it begins */
} tw_frame;

bool tw_coro_frame(tw_coro *co, tw_frame *frame);
tw_step tw__coro_named(const char *name, const char *file, int line);
#line 820 "chapters/tier1-coroutines.nw"
#define TW__NAMING (-2)
#define TW_BEGIN(co) switch ((co)->resume) {                             \
    case TW__NAMING: return tw__coro_named(__func__, __FILE__, __LINE__); \
    case 0:
#define TW_NAMED(co)                                                    \
    if ((co)->resume == TW__NAMING)                                     \
        return tw__coro_named(__func__, __FILE__, __LINE__)
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
#line 933 "chapters/tier1-coroutines.nw"
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
#line 645 "chapters/tier1-coroutines.nw"
#endif
