#line 164 "chapters/tier3-futures.nw"
/* tier3.h -- what the files of tier 3 (futures) share; not installed. */
#ifndef TOWER_TIER3_H
#define TOWER_TIER3_H
#include "tier2.h"
#include "tower/future.h"

#line 176 "chapters/tier3-futures.nw"
enum { TW__PENDING, TW__DONE, TW__CANCELLED };

struct tw__cb {
    tw_done_fn fn;
    void *arg;
    tw_object *keep;
};

typedef struct tw__future_class {
    const char *name;
    bool (*cancel)(tw_future *f, const char *msg);
    void (*finalize)(tw_future *f);
    void (*refresh)(tw_future *f);
} tw__future_class;

struct tw_future {
    tw_object obj;
    uint8_t state;
    bool retrieved;
    uint16_t pool_class;        /* TW__POOL_UNSIZED: ask malloc at the end */
    uint32_t ncb;               /* the callbacks in cbs */
    tw_loop *loop;
    const tw__future_class *cls;
    tw_value result;
    tw_error *error;
    tw_error *cancelled_err;
    char *cancel_msg;
    struct tw__cb *cbs;         /* &cb1, or an array of the least power of two >= ncb */
    struct tw__cb cb1;
};

void tw__future_init(tw_future *f, tw_loop *loop, uint32_t kind, const tw__future_class *cls);
bool tw__future_cancel(tw_future *f, const char *msg);
tw_error *tw__future_cancelled_error(tw_future *f);
void tw__future_outcome(tw_future *f, tw_value *v, tw_error **e);
void tw__future_add_callback(tw_future *f, tw_done_fn fn, void *arg, void *keep);
void tw__future_drop_callbacks(tw_future *f);
void tw__future_complete(tw_future *f, tw_value v, tw_error *e);
void tw__future_finalize(tw_object *o);
void tw__future_describe_state(tw_future *f, FILE *out);
int tw__future_await(tw_object *o, tw_coro *co);
#line 171 "chapters/tier3-futures.nw"
#endif
