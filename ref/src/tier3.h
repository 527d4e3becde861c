#line 166 "chapters/tier3-futures.nw"
/* tier3.h -- what the files of tier 3 (futures) share; not installed. */
#ifndef TOWER_TIER3_H
#define TOWER_TIER3_H
#include "tier2.h"
#include "tower/future.h"

#line 178 "chapters/tier3-futures.nw"
enum { TW__PENDING, TW__DONE, TW__CANCELLED };

struct tw__cb {
    tw_done_fn fn;
    void *arg;
};

typedef struct tw__future_class {
    tw_class obj;               /* first: a future's header points here */
    const char *name;
    bool (*cancel)(tw_future *f, const char *msg);
    void (*finalize)(tw_future *f);
    void (*refresh)(tw_future *f);
    size_t rare_size;           /* its rare record; 0: a future's */
} tw__future_class;

#define TW__FUTURE_OBJECT_CLASS(describe) { tw__future_finalize, (describe), tw__future_await }

struct tw__future_rare {        /* made when first needed */
    char *cancel_msg;
    tw_error *cancelled_err;
};

struct tw_future {
    tw_object obj;              /* obj.cls: the future class's obj */
    uint8_t state;
    bool retrieved : 1;
    bool cb1_kept : 1;          /* cb1, the only callback, keeps its argument */
    uint8_t pool_class;         /* TW__FUTURE_UNSIZED: malloc's block */
    uint8_t sub;                /* the subclass's flags (a task's) */
    uint32_t ncb;               /* the entries in cbs */
    tw_loop *loop;
    tw_value result;
    tw_error *error;
    struct tw__future_rare *rare;
    struct tw__cb *cbs;         /* &cb1, or an array of the least power of two >= ncb */
    struct tw__cb cb1;
};
enum { TW__FUTURE_UNSIZED = 0xff };

static inline const tw__future_class *tw__future_class_of(const tw_future *f)
{
    return (const tw__future_class *)(const void *)f->obj.cls;
}

struct tw__future_rare *tw__future_rare(tw_future *f);
void tw__future_init(tw_future *f, tw_loop *loop, uint32_t kind, const tw__future_class *cls);
bool tw__future_cancel(tw_future *f, const char *msg);
tw_error *tw__future_cancelled_error(tw_future *f);
void tw__future_outcome(tw_future *f, tw_value *v, tw_error **e);
void tw__future_add_callback(tw_future *f, tw_done_fn fn, void *arg, void *keep);
void tw__future_drop_callbacks(tw_future *f);
void tw__future_complete(tw_future *f, tw_value v, tw_error *e);
void tw__future_finalize(tw_object *o);
void tw__future_describe_state(tw_future *f, FILE *out);
void tw__future_describe(tw_object *o, FILE *out);
int tw__future_await(tw_object *o, tw_coro *co);
#line 173 "chapters/tier3-futures.nw"
#endif
