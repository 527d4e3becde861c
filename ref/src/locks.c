#line 637 "chapters/tier6-queues.nw"
/* locks.c -- waiter lists, locks, events, conditions, semaphores, barriers */
#include "tier6.h"

#line 654 "chapters/tier6-queues.nw"
void tw__waitlist_push(tw__waitlist *l, tw__waiter *w)
{
    w->next = NULL;
    w->prev = l->tail;
    if (l->tail)
        l->tail->next = w;
    else
        l->head = w;
    l->tail = w;
    w->linked = true;
    l->len++;
}

void tw__waitlist_remove(tw__waitlist *l, tw__waiter *w)
{
    if (!w->linked)
        return;
    if (w->prev)
        w->prev->next = w->next;
    else
        l->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        l->tail = w->prev;
    w->prev = w->next = NULL;
    w->linked = false;
    l->len--;
}

tw__waiter *tw__waitlist_pop(tw__waitlist *l)
{
    tw__waiter *w = l->head;
    if (w)
        tw__waitlist_remove(l, w);
    return w;
}
#line 719 "chapters/tier6-queues.nw"
size_t tw__waitlist_wake(tw__waitlist *l, size_t n, tw_value v)
{
    size_t woken = 0;
    for (tw__waiter *w = l->head; w && woken < n; w = w->next)
        if (!tw_future_done(w->fut)) {
            tw_future_set_result(w->fut, v);
            woken++;
        }
    return woken;
}
#line 775 "chapters/tier6-queues.nw"
static void sync_finalize(tw_object *o)
{
    tw__sync *s = (tw__sync *)o;
    if (s->cls->finalize)
        s->cls->finalize(s);
    free(s);
}

static void sync_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<%s object at %p>", ((tw__sync *)o)->cls->name, (void *)o);
}

static const tw_class sync_object_class = { sync_finalize, sync_describe, NULL };

void *tw__sync_alloc(size_t size, const tw__sync_class *cls)
{
    tw__sync *s = tw__alloc(size);
    tw_object_init(&s->obj, &sync_object_class, TW_KIND_OBJECT);
    s->cls = cls;
    return s;
}

static void sync_frame_cleanup(tw_coro *co)
{
    struct tw__sync_frame *f = (struct tw__sync_frame *)co;
    if (f->list)
        tw__waitlist_remove(f->list, &f->w);
    tw_unref(f->w.fut);
    tw_unref(f->err);
    tw__unref(f->owner);
}

void *tw__sync_frame_new(tw_coro_fn body, size_t size, void *owner)
{
    struct tw__sync_frame *f = tw_coro_new(body, size);
    f->owner = tw__ref(owner);
    f->co.cleanup = sync_frame_cleanup;
    return f;
}

static tw_error *take_kept_error(struct tw__sync_frame *f)
{
    tw_error *e = f->err;
    f->err = NULL;
    return e;
}
#line 834 "chapters/tier6-queues.nw"
tw_error *tw__sync_wait_begin(struct tw__sync_frame *f, tw__waitlist *list)
{
    tw__sync *owner = f->owner;
    tw_loop *L = tw__running;
    if (owner->loop == NULL)
        owner->loop = L;
    else if (owner->loop != L) {
        char *repr;
        size_t len;
        tw_error *err;
        FILE *out = open_memstream(&repr, &len);
        if (out == NULL)
            tw__fatal("out of memory");
        owner->obj.cls->describe(&owner->obj, out);
        fclose(out);
        err = tw_error_new(TW_ERR_RUNTIME, "%s is bound to a different event loop", repr);
        free(repr);
        return err;
    }
    tw_unref(f->w.fut);
    f->w.fut = tw_future_new(L);
    f->list = list;
    tw__waitlist_push(list, &f->w);
    return NULL;
}
#line 918 "chapters/tier6-queues.nw"
static tw_error lock_not_acquired =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Lock is not acquired.");
static tw_error wait_unacquired =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "cannot wait on un-acquired lock");
static tw_error notify_unacquired =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "cannot notify on un-acquired lock");
static tw_error negative_semaphore =
    TW__STATIC_ERROR(TW_ERR_VALUE, "ValueError", "Semaphore initial value must be >= 0");
static tw_error bounded_overflow =
    TW__STATIC_ERROR(TW_ERR_VALUE, "ValueError", "BoundedSemaphore released too many times");
static tw_error no_parties =
    TW__STATIC_ERROR(TW_ERR_VALUE, "ValueError", "parties must be > 0");
static tw_error barrier_aborted =
    TW__STATIC_ERROR(TW_ERR_BROKEN_BARRIER, "BrokenBarrierError", "Barrier aborted");
static tw_error barrier_broke =
    TW__STATIC_ERROR(TW_ERR_BROKEN_BARRIER, "BrokenBarrierError", "Abort or reset of barrier");
#line 948 "chapters/tier6-queues.nw"
static const tw__sync_class lock_class = { "asyncio.locks.Lock", NULL };

tw_lock *tw_lock_new(void)
{
    return tw__sync_alloc(sizeof(tw_lock), &lock_class);
}

bool tw_lock_locked(const tw_lock *lock) { return lock->locked; }

static bool all_cancelled(const tw__waitlist *l)
{
    for (const tw__waiter *w = l->head; w; w = w->next)
        if (!tw_future_cancelled(w->fut))
            return false;
    return true;
}

static void lock_wake_up_first(tw_lock *lock)
{
    tw__waiter *w = lock->waiters.head;
    if (w && !tw_future_done(w->fut))
        tw_future_set_result(w->fut, TW__TRUE);
}

static tw_step lock_acquire_body(tw_coro *co)
{
    struct tw__sync_frame *f = (struct tw__sync_frame *)co;
    tw_lock *lock = f->owner;
    tw_error *err;
    TW_BEGIN(co);
    if (!lock->locked && all_cancelled(&lock->waiters)) {
        lock->locked = true;
        TW_RETURN(co, TW__TRUE);
    }
    if ((err = tw__sync_wait_begin(f, &lock->waiters)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_ref(f->w.fut));
    tw__waitlist_remove(f->list, &f->w);
    if (TW_ERROR(co)) {
        if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED) && !lock->locked)
            lock_wake_up_first(lock);
        TW_RERAISE(co);
    }
    lock->locked = true;
    TW_RETURN(co, TW__TRUE);
    TW_END(co);
}

tw_coro *tw_lock_acquire(tw_lock *lock)
{
    return tw__sync_frame_new(lock_acquire_body, sizeof(struct tw__sync_frame), lock);
}

tw_error *tw_lock_release(tw_lock *lock)
{
    if (!lock->locked)
        return &lock_not_acquired;
    lock->locked = false;
    lock_wake_up_first(lock);
    return NULL;
}
#line 1014 "chapters/tier6-queues.nw"
static const tw__sync_class event_class = { "asyncio.locks.Event", NULL };

tw_event *tw_event_new(void)
{
    return tw__sync_alloc(sizeof(tw_event), &event_class);
}

bool tw_event_is_set(const tw_event *ev) { return ev->value; }
void tw_event_clear(tw_event *ev) { ev->value = false; }

void tw_event_set(tw_event *ev)
{
    if (ev->value)
        return;
    ev->value = true;
    tw__waitlist_wake(&ev->waiters, ev->waiters.len, TW__TRUE);
}

static tw_step event_wait_body(tw_coro *co)
{
    struct tw__sync_frame *f = (struct tw__sync_frame *)co;
    tw_event *ev = f->owner;
    tw_error *err;
    TW_BEGIN(co);
    if (ev->value)
        TW_RETURN(co, TW__TRUE);
    if ((err = tw__sync_wait_begin(f, &ev->waiters)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_ref(f->w.fut));
    tw__waitlist_remove(f->list, &f->w);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_RETURN(co, TW__TRUE);
    TW_END(co);
}

tw_coro *tw_event_wait(tw_event *ev)
{
    return tw__sync_frame_new(event_wait_body, sizeof(struct tw__sync_frame), ev);
}
#line 1068 "chapters/tier6-queues.nw"
static void condition_finalize(void *c)
{
    tw_unref(((tw_condition *)c)->lock);
}

static const tw__sync_class condition_class = { "asyncio.locks.Condition", condition_finalize };

tw_condition *tw_condition_new(tw_lock *lock)
{
    tw_condition *c = tw__sync_alloc(sizeof(tw_condition), &condition_class);
    c->lock = lock ? tw_ref(lock) : tw_lock_new();
    return c;
}

tw_lock *tw_condition_lock(const tw_condition *c) { return c->lock; }
tw_coro *tw_condition_acquire(tw_condition *c) { return tw_lock_acquire(c->lock); }
tw_error *tw_condition_release(tw_condition *c) { return tw_lock_release(c->lock); }
bool tw_condition_locked(const tw_condition *c) { return c->lock->locked; }

struct cond_wait_frame {
    struct tw__sync_frame s;
    bool cancelled;
};

static tw_step condition_wait_body(tw_coro *co)
{
    struct cond_wait_frame *f = (struct cond_wait_frame *)co;
    tw_condition *c = f->s.owner;
    TW_BEGIN(co);
    if (!c->lock->locked)
        TW_RAISE(co, &wait_unacquired);
    tw_lock_release(c->lock);
    f->s.err = tw__sync_wait_begin(&f->s, &c->waiters);
    if (f->s.err == NULL) {
        TW_AWAIT_TRY(co, tw_ref(f->s.w.fut));
        tw__waitlist_remove(f->s.list, &f->s.w);
        f->s.err = TW_TAKE_ERROR(co);
    }
    for (;;) {
        TW_AWAIT_TRY(co, tw_lock_acquire(c->lock));
        if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
            break;
        f->cancelled = true;
    }
    if (TW_ERROR(co))
        TW_RERAISE(co);
    if (f->cancelled)
        TW_RAISE(co, tw_error_new(TW_ERR_CANCELLED, NULL));
    if (f->s.err)
        TW_RAISE(co, take_kept_error(&f->s));
    TW_RETURN(co, TW__TRUE);
    TW_END(co);
}

tw_coro *tw_condition_wait(tw_condition *c)
{
    return tw__sync_frame_new(condition_wait_body, sizeof(struct cond_wait_frame), c);
}
#line 1131 "chapters/tier6-queues.nw"
struct cond_wait_for_frame {
    struct tw__sync_frame s;
    tw_predicate_fn predicate;
    void *arg;
    tw_value result;
};

static tw_step condition_wait_for_body(tw_coro *co)
{
    struct cond_wait_for_frame *f = (struct cond_wait_for_frame *)co;
    TW_BEGIN(co);
    f->result = f->predicate(f->arg);
    while (f->result.i == 0) {
        TW_AWAIT(co, tw_condition_wait(f->s.owner));
        f->result = f->predicate(f->arg);
    }
    TW_RETURN(co, f->result);
    TW_END(co);
}

tw_coro *tw_condition_wait_for(tw_condition *c, tw_predicate_fn predicate, void *arg)
{
    struct cond_wait_for_frame *f =
        tw__sync_frame_new(condition_wait_for_body, sizeof *f, c);
    f->predicate = predicate;
    f->arg = arg;
    return &f->s.co;
}

tw_error *tw_condition_notify(tw_condition *c, size_t n)
{
    if (!c->lock->locked)
        return &notify_unacquired;
    tw__waitlist_wake(&c->waiters, n, TW_INT(0));
    return NULL;
}

tw_error *tw_condition_notify_all(tw_condition *c)
{
    return tw_condition_notify(c, c->waiters.len);
}
#line 1189 "chapters/tier6-queues.nw"
static const tw__sync_class semaphore_class = { "asyncio.locks.Semaphore", NULL };
static const tw__sync_class bounded_semaphore_class = { "asyncio.locks.BoundedSemaphore", NULL };

static tw_error *semaphore_make(long value, long bound, const tw__sync_class *cls,
                                tw_semaphore **sem)
{
    *sem = NULL;
    if (value < 0)
        return &negative_semaphore;
    *sem = tw__sync_alloc(sizeof(tw_semaphore), cls);
    (*sem)->value = value;
    (*sem)->bound = bound;
    return NULL;
}

tw_error *tw_semaphore_new(long value, tw_semaphore **sem)
{
    return semaphore_make(value, -1, &semaphore_class, sem);
}

tw_error *tw_bounded_semaphore_new(long value, tw_semaphore **sem)
{
    return semaphore_make(value, value, &bounded_semaphore_class, sem);
}

bool tw_semaphore_locked(const tw_semaphore *s)
{
    return s->value == 0 || !all_cancelled(&s->waiters);
}

static void semaphore_wake_up_next(tw_semaphore *s)
{
    s->value -= (long)tw__waitlist_wake(&s->waiters, 1, TW__TRUE);
}

static tw_step semaphore_acquire_body(tw_coro *co)
{
    struct tw__sync_frame *f = (struct tw__sync_frame *)co;
    tw_semaphore *s = f->owner;
    tw_error *err;
    TW_BEGIN(co);
    if (!tw_semaphore_locked(s)) {
        s->value--;
        TW_RETURN(co, TW__TRUE);
    }
    if ((err = tw__sync_wait_begin(f, &s->waiters)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_ref(f->w.fut));
    tw__waitlist_remove(f->list, &f->w);
    if (TW_ERROR(co)) {
        if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED) && !tw_future_cancelled(f->w.fut)) {
            s->value++;
            semaphore_wake_up_next(s);
        }
        TW_RERAISE(co);
    }
    if (s->value > 0)
        semaphore_wake_up_next(s);
    TW_RETURN(co, TW__TRUE);
    TW_END(co);
}

tw_coro *tw_semaphore_acquire(tw_semaphore *s)
{
    return tw__sync_frame_new(semaphore_acquire_body, sizeof(struct tw__sync_frame), s);
}

tw_error *tw_semaphore_release(tw_semaphore *s)
{
    if (s->bound >= 0 && s->value >= s->bound)
        return &bounded_overflow;
    s->value++;
    semaphore_wake_up_next(s);
    return NULL;
}
#line 1294 "chapters/tier6-queues.nw"
static void barrier_finalize(void *b)
{
    tw_unref(((tw_barrier *)b)->cond);
}

static const tw__sync_class barrier_class = { "asyncio.locks.Barrier", barrier_finalize };

tw_error *tw_barrier_new(long parties, tw_barrier **barrier)
{
    tw_barrier *b;
    *barrier = NULL;
    if (parties < 1)
        return &no_parties;
    b = tw__sync_alloc(sizeof *b, &barrier_class);
    b->cond = tw_condition_new(NULL);
    b->parties = (size_t)parties;
    b->state = TW__FILLING;
    *barrier = b;
    return NULL;
}

size_t tw_barrier_parties(const tw_barrier *b) { return b->parties; }
size_t tw_barrier_n_waiting(const tw_barrier *b) { return b->state == TW__FILLING ? b->count : 0; }
bool tw_barrier_broken(const tw_barrier *b) { return b->state == TW__BROKEN; }

static tw_value barrier_admits(void *b)
{
    int state = ((tw_barrier *)b)->state;
    return TW_INT(state != TW__DRAINING && state != TW__RESETTING);
}

static tw_value barrier_not_filling(void *b)
{
    return TW_INT(((tw_barrier *)b)->state != TW__FILLING);
}

static void barrier_exit(tw_barrier *b)
{
    if (b->count == 0) {
        if (b->state == TW__RESETTING || b->state == TW__DRAINING)
            b->state = TW__FILLING;
        tw_condition_notify_all(b->cond);
    }
}
#line 1349 "chapters/tier6-queues.nw"
struct barrier_wait_frame {
    struct tw__sync_frame s;
    size_t index;
};

static tw_step barrier_wait_body(tw_coro *co)
{
    struct barrier_wait_frame *f = (struct barrier_wait_frame *)co;
    tw_barrier *b = f->s.owner;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(b->cond));
    TW_AWAIT_TRY(co, tw_condition_wait_for(b->cond, barrier_admits, b));
    if (TW_ERROR(co) || b->state == TW__BROKEN) {
        tw_error *e = TW_ERROR(co) ? TW_TAKE_ERROR(co) : &barrier_aborted;
        tw_condition_release(b->cond);
        TW_RAISE(co, e);
    }
    f->index = b->count++;
    if (f->index + 1 == b->parties) {
        b->state = TW__DRAINING;
        tw_condition_notify_all(b->cond);
    } else {
        TW_AWAIT_TRY(co, tw_condition_wait_for(b->cond, barrier_not_filling, b));
        f->s.err = TW_TAKE_ERROR(co);
        if (f->s.err == NULL && (b->state == TW__BROKEN || b->state == TW__RESETTING))
            f->s.err = &barrier_broke;
    }
    b->count--;
    barrier_exit(b);
    tw_condition_release(b->cond);
    if (f->s.err)
        TW_RAISE(co, take_kept_error(&f->s));
    TW_RETURN(co, TW_INT(f->index));
    TW_END(co);
}

tw_coro *tw_barrier_wait(tw_barrier *b)
{
    return tw__sync_frame_new(barrier_wait_body, sizeof(struct barrier_wait_frame), b);
}
#line 1397 "chapters/tier6-queues.nw"
struct barrier_change_frame {
    struct tw__sync_frame s;
    bool abort;
};

static tw_step barrier_change_body(tw_coro *co)
{
    struct barrier_change_frame *f = (struct barrier_change_frame *)co;
    tw_barrier *b = f->s.owner;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(b->cond));
    if (f->abort)
        b->state = TW__BROKEN;
    else
        b->state = b->count > 0 ? TW__RESETTING : TW__FILLING;
    tw_condition_notify_all(b->cond);
    tw_condition_release(b->cond);
    TW_END(co);
}

static tw_coro *barrier_change(tw_barrier *b, bool abort)
{
    struct barrier_change_frame *f =
        tw__sync_frame_new(barrier_change_body, sizeof *f, b);
    f->abort = abort;
    return &f->s.co;
}

tw_coro *tw_barrier_reset(tw_barrier *b) { return barrier_change(b, false); }
tw_coro *tw_barrier_abort(tw_barrier *b) { return barrier_change(b, true); }
