#line 452 "chapters/tier2-event-loop.nw"
/* tier2.h -- what the files of tier 2 (the event loop) share; not installed. */
#ifndef TOWER_TIER2_H
#define TOWER_TIER2_H
#include "tier1.h"
#include "tower/loop.h"

#line 464 "chapters/tier2-event-loop.nw"
#include <limits.h>
#include <signal.h>

struct tw_handle {
    int refs;
    bool cancelled;
    bool done_form;
    tw_loop *loop;
    union { tw_callback_fn cb; tw_done_fn done; } fn;
    void *arg;
    tw_object *obj;
    tw_object *keep;
    double when;
    uint64_t seq;
    tw_handle *next;
};

struct tw__ring { tw_handle **buf; size_t head, len, cap; };
struct tw__watch { tw_handle *reader, *writer; uint32_t events; };
#line 1188 "chapters/tier2-event-loop.nw"
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

#line 485 "chapters/tier2-event-loop.nw"
struct tw_loop {
    bool closed, running, stopping, is_virtual, debug;
    double vstart, offset;      /* a virtual clock: its start, how far it has moved */
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
#line 1306 "chapters/tier2-event-loop.nw"
typedef struct tw__loop_key { atomic_size_t index; } tw__loop_key;  /* static, so zero */
typedef void (*tw__state_release_fn)(tw_loop *loop, void *state);
struct tw__loop_slot { void *state; tw__state_release_fn release; };

void *tw__loop_state_make(tw_loop *loop, tw__loop_key *key, size_t size,
                          tw__state_release_fn release);

static inline void *tw__loop_state(tw_loop *L, tw__loop_key *key, size_t size,
                                   tw__state_release_fn release)
{
    size_t i = atomic_load_explicit(&key->index, memory_order_relaxed);
    if (i < L->nstates && L->states[i].state != NULL)
        return L->states[i].state;
    return tw__loop_state_make(L, key, size, release);
}

#line 517 "chapters/tier2-event-loop.nw"
typedef tw_coro *(*tw__shutdown_fn)(tw_loop *loop);
struct tw__shutdown_step {
    tw__shutdown_fn make;
    struct tw__shutdown_step *next;
};

tw_handle *tw__handle_new(tw_loop *loop, tw_callback_fn fn, void *arg, void *obj);
void tw__ready_push(tw_loop *loop, tw_handle *h);
void tw__schedule(tw_loop *loop, tw_callback_fn fn, void *arg, void *obj);
void tw__schedule_done(tw_loop *loop, tw_done_fn fn, tw_future *f, void *arg, void *keep);
tw_handle *tw__call_at_obj(tw_loop *loop, double when, tw_callback_fn fn, void *arg, void *obj);
tw_error *tw__loop_runnable(const tw_loop *loop);
void tw__loop_add_shutdown_step(tw_loop *loop, tw__shutdown_fn make);
tw_error *tw__loop_add_passive_reader(tw_loop *loop, int fd, tw_callback_fn fn, void *arg);
bool tw__loop_remove_passive_reader(tw_loop *loop, int fd);
tw_error *tw__loop_add_passive_signal_handler(tw_loop *loop, int sig, tw_callback_fn fn,
                                              void *arg);
extern _Thread_local tw_loop *tw__running;
#line 459 "chapters/tier2-event-loop.nw"
#endif
