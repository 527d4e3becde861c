#line 337 "chapters/tier2-event-loop.nw"
/* tier2.h -- what the files of tier 2 (the event loop) share; not installed. */
#ifndef TOWER_TIER2_H
#define TOWER_TIER2_H
#include "tier1.h"
#include "tower/loop.h"

#line 349 "chapters/tier2-event-loop.nw"
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
#line 971 "chapters/tier2-event-loop.nw"
typedef struct tw__resource {
    void (*close)(struct tw__resource *r);  /* shuts the owner; must detach r */
    struct tw__resource *prev, *next;       /* NULL while not attached */
} tw__resource;

typedef enum tw__close_stage {
    
#line 357 "chapters/tier4-tasks.nw"
    TW__CLOSE_TASKS,            /* tier 4: unfinished tasks, first */
#line 679 "chapters/tier5-executors.nw"
    TW__CLOSE_CHILDREN,         /* tier 5: children still running */
    TW__CLOSE_EXECUTORS,        /* tier 5: the executors' threads */
#line 978 "chapters/tier2-event-loop.nw"
    TW__CLOSE_LAST              /* tw__resource_attach: after every stage above */
} tw__close_stage;

void tw__resource_attach_in(tw_loop *loop, tw__resource *r, tw__close_stage stage,
                            void (*close)(tw__resource *r));
void tw__resource_attach(tw_loop *loop, tw__resource *r, void (*close)(tw__resource *r));
void tw__resource_detach(tw_loop *loop, tw__resource *r);

static inline bool tw__resource_attached(const tw__resource *r) { return r->next != NULL; }

#line 369 "chapters/tier2-event-loop.nw"
struct tw_loop {
    bool closed, running, stopping, is_virtual;
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
    struct tw_task *current;
    struct tw_task *tasks;
    size_t ntasks;
    tw__resource attached[TW__CLOSE_LAST + 1];  /* what to close at close: a ring per stage */
    tw__resource tasks_at_close;                /* tier 4: the tasks left unfinished */
    int (*before_blocking)(tw_loop *loop, int timeout_ms);  /* a tier's hook, or NULL */
    struct tw__shutdown_step *shutdown_steps;
    
#line 638 "chapters/tier5-executors.nw"
    struct tw__inbox *inbox;            /* tier 5: finished calls of executors */
    struct tw_executor *default_executor;
    bool executor_shutdown_called;
    struct tw_executor *child_watcher;  /* tier 5: threads waiting for children, without pidfd */
    tw__resource executors_at_close;    /* tier 5: shuts the executors down at close */
#line 751 "chapters/tier7-transports.nw"
size_t npassive;
#line 1590 "chapters/tier7-transports.nw"
char *rbuf;                               /* the socket transports' read buffer */
#line 396 "chapters/tier2-event-loop.nw"
};

typedef void *(*tw__shutdown_fn)(tw_loop *loop);
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
extern _Thread_local tw_loop *tw__running;
#line 344 "chapters/tier2-event-loop.nw"
#endif
