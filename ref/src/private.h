#line 514 "chapters/tier1-coroutines.nw"
/* private.h -- the runtime's internal structures; not installed. */
#ifndef TOWER_PRIVATE_H
#define TOWER_PRIVATE_H
#include "tower.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#line 537 "chapters/tier1-coroutines.nw"
struct tw_error {
    int refs;                 /* < 0: static and immortal */
    tw_errkind kind;
    char *type;               /* owned for TW_ERR_USER only */
    char *message;            /* NULL: made without arguments */
    size_t count;
    tw_error **items;
};

enum { CORO_CREATED, CORO_RUNNING, CORO_DONE };   /* tw_coro.state */

#define TW__STATIC_ERROR(kind, type, msg) { -1, kind, (char *)type, (char *)msg, 0, NULL }

void *tw__alloc(size_t size);
void *tw__realloc(void *p, size_t size);
char *tw__strdup(const char *s);
void tw__fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
tw_error *tw__os_error(int errnum_for_class, int errnum, const char *filename,
                       const char *message);
#line 1041 "chapters/tier1-coroutines.nw"
#if defined(__SANITIZE_ADDRESS__)
#define TW__POOL_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TW__POOL_ON 0
#endif
#endif
#ifndef TW__POOL_ON
#define TW__POOL_ON 1
#endif

enum { TW__POOL_GRAIN = 16, TW__POOL_SLACK = 8, TW__POOL_CLASSES = 16 };

struct tw__pool_block { struct tw__pool_block *next; };
extern _Thread_local struct tw__pool_block *tw__pool[TW__POOL_CLASSES + 1];
extern _Thread_local int tw__pool_users;

void *tw__pool_refill(size_t c);
void *tw__pool_alloc(size_t size);
void tw__pool_free(void *p);
void tw__pool_use(void);
void tw__pool_unuse(void);

static inline size_t tw__pool_class(size_t size)
{
    if (size <= TW__POOL_SLACK)
        return 0;
    return (size - TW__POOL_SLACK + TW__POOL_GRAIN - 1) / TW__POOL_GRAIN;
}

static inline void *tw__pool_get(size_t size)
{
    size_t c = tw__pool_class(size);
    struct tw__pool_block *b;
    if (c > TW__POOL_CLASSES)
        return tw__alloc(size);
    if ((b = tw__pool[c]) == NULL)
        return tw__pool_refill(c);
    tw__pool[c] = b->next;
    return b;
}

static inline void tw__pool_give(void *p, size_t c)
{
    if (!TW__POOL_ON || tw__pool_users <= 0 || c > TW__POOL_CLASSES) {
        free(p);
        return;
    }
    ((struct tw__pool_block *)p)->next = tw__pool[c];
    tw__pool[c] = p;
}

static inline void tw__pool_put(void *p, size_t size)
{
    tw__pool_give(p, tw__pool_class(size));
}
#line 337 "chapters/tier2-event-loop.nw"
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
#line 959 "chapters/tier2-event-loop.nw"
typedef struct tw__resource {
    void (*close)(struct tw__resource *r);  /* shuts the owner; must detach r */
    struct tw__resource *prev, *next;       /* NULL while not attached */
} tw__resource;

typedef enum tw__close_stage {
    
#line 345 "chapters/tier4-tasks.nw"
    TW__CLOSE_TASKS,            /* tier 4: unfinished tasks, first */
#line 666 "chapters/tier5-executors.nw"
    TW__CLOSE_CHILDREN,         /* tier 5: children still running */
    TW__CLOSE_EXECUTORS,        /* tier 5: the executors' threads */
#line 966 "chapters/tier2-event-loop.nw"
    TW__CLOSE_LAST              /* tw__resource_attach: after every stage above */
} tw__close_stage;

void tw__resource_attach_in(tw_loop *loop, tw__resource *r, tw__close_stage stage,
                            void (*close)(tw__resource *r));
void tw__resource_attach(tw_loop *loop, tw__resource *r, void (*close)(tw__resource *r));
void tw__resource_detach(tw_loop *loop, tw__resource *r);

static inline bool tw__resource_attached(const tw__resource *r) { return r->next != NULL; }

#line 357 "chapters/tier2-event-loop.nw"
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
    tw_executor *default_executor;
    bool executor_shutdown_called;
    tw_executor *child_watcher;         /* tier 5: threads waiting for children, without pidfd */
    tw__resource executors_at_close;    /* tier 5: shuts the executors down at close */
#line 751 "chapters/tier7-transports.nw"
size_t npassive;
#line 1578 "chapters/tier7-transports.nw"
char *rbuf;                               /* the socket transports' read buffer */
#line 384 "chapters/tier2-event-loop.nw"
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
#line 148 "chapters/tier3-futures.nw"
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
    tw_loop *loop;
    const tw__future_class *cls;
    tw_value result;
    tw_error *error;
    tw_error *cancelled_err;
    char *cancel_msg;
    struct tw__cb *cbs;
    uint32_t ncb, capcb;
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
#line 283 "chapters/tier4-tasks.nw"
struct tw_task {
    tw_future fut;
    tw_coro *top;
    tw_future *fut_waiter;
    char *name;
    unsigned long long number;
    bool must_cancel;
    int num_cancels;
    struct tw_task *prev, *next;
    struct tw__vars *vars;              /* the task's context */
};

void tw__loop_destroy_tasks(tw_loop *loop);
struct tw__vars;
extern _Thread_local struct tw__vars **tw__vars_slot;
struct tw__vars *tw__vars_ref(struct tw__vars *v);
void tw__vars_unref(struct tw__vars *v);
struct tw__vars *tw__vars_current(void);
void tw__vars_thread_exit(void);
#line 646 "chapters/tier5-executors.nw"
/* tier 5 */
int tw__start_thread(pthread_t *thread, void *(*fn)(void *), void *arg);
void tw__mutex_init(pthread_mutex_t *m);
char **tw__strv_dup(const char *const *v);
void tw__strv_free(char **v);
#line 586 "chapters/tier6-queues.nw"
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
#line 711 "chapters/tier6-queues.nw"
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
#line 834 "chapters/tier6-queues.nw"
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
};
#line 755 "chapters/tier7-transports.nw"
tw_error *tw__loop_add_passive_reader(tw_loop *loop, int fd, tw_callback_fn fn, void *arg);
bool tw__loop_remove_passive_reader(tw_loop *loop, int fd);
#line 936 "chapters/tier7-transports.nw"
tw_error *tw__error_named(tw_error *e, const char *type);
#line 1233 "chapters/tier7-transports.nw"
typedef struct tw__acceptor {
    void (*attach)(struct tw__acceptor *a);
    void (*detach)(struct tw__acceptor *a);
} tw__acceptor;
#line 1847 "chapters/tier7-transports.nw"
tw_transport *tw__stream_transport_new(tw_loop *loop, int fd, tw_protocol *protocol,
                                       tw__acceptor *acceptor, tw_future *waiter);
tw_transport *tw__datagram_transport_new(tw_loop *loop, int fd, tw_protocol *protocol,
                                         const tw_sockaddr *address, tw_future *waiter);
#line 2103 "chapters/tier7-transports.nw"
ssize_t tw__write_quietly(int fd, const void *data, size_t len);
tw_transport *tw__pipe_transport_new(tw_loop *loop, int fd, bool writer, tw_protocol *protocol,
                                     tw_future *waiter);
#line 455 "chapters/tier8-protocols.nw"
struct addrinfo;
tw_error *tw__resolve(const char *host, int port, int family, int socktype, bool passive,
                      struct addrinfo **res);
void tw__addr_from(tw_sockaddr *a, const struct addrinfo *ai);
tw_error *tw__unix_addr(tw_sockaddr *a, const char *path);
int tw__new_socket(int family, int type, int protocol);
tw_protocol *tw__make_protocol(tw_protocol_factory factory, void *arg, tw_error **err);
#line 1385 "chapters/tier9-streams.nw"
void tw__stream_reader_detach(tw_stream_reader *r);
#line 1803 "chapters/tier9-streams.nw"
void tw__server_adopt_arg(tw_server *s, void (*release)(void *arg));
#line 529 "chapters/tier1-coroutines.nw"
#endif
