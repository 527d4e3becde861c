#line 589 "chapters/tier6-queues.nw"
/* tier6.h -- what the files of tier 6 (queues and locks) share; not installed. */
#ifndef TOWER_TIER6_H
#define TOWER_TIER6_H
#include "tier5.h"
#include "tower/locks.h"
#include "tower/queue.h"

#line 617 "chapters/tier6-queues.nw"
typedef struct tw__waiter {
    struct tw__waiter *prev, *next;
    tw_future *fut;             /* owned by the frame the node lives in */
    bool linked;
} tw__waiter;

typedef struct tw__waitlist {
    tw__waiter *head, *tail;
    size_t len;
} tw__waitlist;

#define TW__TRUE TW_INT(1)

void tw__waitlist_push(tw__waitlist *l, tw__waiter *w);
void tw__waitlist_remove(tw__waitlist *l, tw__waiter *w);
tw__waiter *tw__waitlist_pop(tw__waitlist *l);
size_t tw__waitlist_wake(tw__waitlist *l, size_t n, tw_value v);
#line 742 "chapters/tier6-queues.nw"
struct tw__sync_frame {
    tw_coro co;
    void *owner;
    tw__waitlist *list;
    tw__waiter w;
    tw_error *err;
};

typedef struct tw__sync_class {
    const char *name;                   /* asyncio's class, as its repr names it */
    void (*finalize)(void *primitive);  /* releases what it owns; NULL: nothing */
} tw__sync_class;

typedef struct tw__sync {
    tw_object obj;
    const tw__sync_class *cls;
    tw_loop *loop;                      /* bound at the first wait */
} tw__sync;

void *tw__sync_alloc(size_t size, const tw__sync_class *cls);
void *tw__sync_frame_new(tw_coro_fn body, size_t size, void *owner);
tw_error *tw__sync_wait_begin(struct tw__sync_frame *f, tw__waitlist *list);
#line 864 "chapters/tier6-queues.nw"
struct tw_lock {
    tw__sync hdr;
    bool locked;
    tw__waitlist waiters;
};

struct tw_event {
    tw__sync hdr;
    bool value;
    tw__waitlist waiters;
};

struct tw_condition {
    tw__sync hdr;
    tw_lock *lock;
    tw__waitlist waiters;
};

struct tw_semaphore {
    tw__sync hdr;
    long value;
    long bound;                 /* < 0: not bounded */
    tw__waitlist waiters;
};

enum { TW__FILLING, TW__DRAINING, TW__RESETTING, TW__BROKEN };   /* tw_barrier.state */

struct tw_barrier {
    tw__sync hdr;
    tw_condition *cond;
    size_t parties, count;
    int state;
};

enum { TW__FIFO, TW__LIFO, TW__PRIORITY };   /* tw_queue.order */

struct tw_queue {
    tw__sync hdr;
    int order;
    long maxsize;
    tw_value *items;            /* a ring for FIFO; an array, or a heap, from 0 otherwise */
    size_t head, len, cap;
    tw_less_fn less;
    void *less_arg;
    tw__waitlist getters, putters;
    size_t unfinished;
    tw_event *finished;
    struct queue_op_frame *spare[2];    /* [put]: finished at their await, kept for reuse */
};
#line 597 "chapters/tier6-queues.nw"
#endif
