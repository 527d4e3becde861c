#line 582 "chapters/tier2-event-loop.nw"
/* loop.h -- what loop.c defines: the loop's and the handles' structures and
   the functions the tiers above call; not installed. */
#ifndef TOWER_LOOP_PRIVATE_H
#define TOWER_LOOP_PRIVATE_H
#include "tier1.h"
#include "ring.h"
#include "tower/loop.h"

#line 595 "chapters/tier2-event-loop.nw"
#include <limits.h>
#include <signal.h>

struct tw_handle {
    int refs;
    bool cancelled;
    bool done_form;
    uint8_t pool_class;         /* the pool's class of its block, or malloc's */
    tw_loop *loop;
    union { tw_callback_fn cb; tw_done_fn done; } fn;
    void *arg;
    tw_object *obj;
    tw_object *keep;
    double when;
    uint64_t seq;
    tw_handle *next;
};

struct tw__watch { tw_handle *reader, *writer; uint32_t events; bool passive; };
#line 1467 "chapters/tier2-event-loop.nw"
typedef struct tw__resource {
    void (*close)(struct tw__resource *r);  /* shuts the owner; must detach r */
    struct tw__resource *prev, *next;       /* NULL while not attached */
} tw__resource;

enum { TW__CLOSE_LAST = INT_MAX };  /* the order of tw__resource_attach: after every other */

void tw__resource_attach_in(tw_loop *loop, tw__resource *r, int order,
                            void (*close)(tw__resource *r));
void tw__resource_attach(tw_loop *loop, tw__resource *r, void (*close)(tw__resource *r));
void tw__resource_detach(tw_loop *loop, tw__resource *r);

static inline bool tw__resource_attached(const tw__resource *r) { return r->next != NULL; }

struct tw__close_stage {
    int order;
    tw__resource ring;                  /* the head of the stage's resources */
    struct tw__close_stage *next;       /* the stage of the next higher order */
};

#line 616 "chapters/tier2-event-loop.nw"
struct tw_loop {
    bool closed, running, stopping, is_virtual, debug;
    double vstart, offset;      /* a virtual clock: its start, how far it has moved */
    double slow_callback_duration;      /* debug mode reports a callback this slow */
    struct tw__ring ready;
    struct tw__timer { double when; tw_handle *h; } *heap;
    size_t nheap, capheap, ncancelled;
    uint64_t seq;
    int epfd, wakefd, sigfd;
    struct tw__watch *watch;
    size_t capwatch, nwatchers;
    sigset_t sigmask, oldmask;
    tw_handle *sighandlers[_NSIG];
    size_t nsignals;
    pthread_mutex_t ts_lock;
    tw_handle *ts_head, *ts_tail;
    atomic_bool ts_pending;
    atomic_int external;
    tw_exception_handler handler;
    void *handler_data;
    struct tw__close_stage *stages;             /* what to close at close, stage by stage */
    int (*before_blocking)(tw_loop *loop, int timeout_ms);  /* a tier's hook, or NULL */
    struct tw__shutdown_step *shutdown_steps;
    size_t npassive;                            /* readers that do not hold a virtual clock */
    sigset_t passive_signals;                   /* signals whose handlers do not hold it either */
    size_t npassive_signals;
    struct tw__loop_slot *states;               /* the tiers above's state, by key */
    size_t nstates;
    tw_agen *agens;                             /* generators first iterated here */
    bool agens_step;                            /* their shutdown step is registered */
};
#line 1585 "chapters/tier2-event-loop.nw"
typedef struct tw__loop_key { atomic_size_t index; } tw__loop_key;  /* static, so zero */
typedef void (*tw__state_release_fn)(tw_loop *loop, void *state);
struct tw__loop_slot { void *state; tw__state_release_fn release; };

void *tw__loop_state_make(tw_loop *loop, tw__loop_key *key, size_t size,
                          tw__state_release_fn release);

#line 649 "chapters/tier2-event-loop.nw"
typedef tw_coro *(*tw__shutdown_fn)(tw_loop *loop);
struct tw__shutdown_step {
    tw__shutdown_fn make;
    struct tw__shutdown_step *next;
};

#line 844 "chapters/tier2-event-loop.nw"
static inline void tw__ready_push(tw_loop *L, tw_handle *h)
{
    struct tw__ring *r = &L->ready;
    if (r->len == r->cap)
        tw__ring_grow(r);
    r->buf[(r->head + r->len) & (r->cap - 1)] = h;
    r->len++;
}

static inline void tw__ready_push_object(tw_loop *L, tw_object *o, unsigned runner)
{
    if (o->refs > 0)            /* tw_ref, without the call */
        o->refs++;
    tw__ready_push(L, (tw_handle *)(void *)((uintptr_t)o | runner));
}
#line 656 "chapters/tier2-event-loop.nw"
enum { TW__RUN_CALLBACKS = 1, TW__RUN_TASK = 2 };     /* the runners of the tiers above */
typedef void (*tw__ready_runner)(tw_object *o, bool run);
void tw__ready_set_runner(unsigned runner, tw__ready_runner run);
void tw__loop_report_done_error(tw_loop *loop, tw_done_fn fn, tw_future *f, void *arg,
                                tw_error *err);
void tw__schedule(tw_loop *loop, tw_callback_fn fn, void *arg, void *obj);
void tw__schedule_done(tw_loop *loop, tw_done_fn fn, tw_future *f, void *arg, void *keep);
tw_handle *tw__call_at_obj(tw_loop *loop, double when, tw_callback_fn fn, void *arg, void *obj);
tw_error *tw__loop_runnable(const tw_loop *loop);
void tw__loop_add_shutdown_step(tw_loop *loop, tw__shutdown_fn make);
tw_error *tw__loop_add_passive_reader(tw_loop *loop, int fd, tw_callback_fn fn, void *arg);
bool tw__loop_remove_passive_reader(tw_loop *loop, int fd, void *arg);
tw_error *tw__loop_add_passive_signal_handler(tw_loop *loop, int sig, tw_callback_fn fn,
                                              void *arg);
extern _Thread_local tw_loop *tw__running;
#line 591 "chapters/tier2-event-loop.nw"
#endif
