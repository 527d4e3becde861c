#line 20 "chapters/tier6-tests.nw"
/* check_sync.c -- unit tests of queues and locks */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "../src/tier6.h"

static char trace[256];

static void note(const char *tag) { strcat(trace, tag); }

static void run(tw_coro_fn body, size_t size)
{
    tw_error *err = tw_run_clock(tw_coro_new(body, size), TW_CLOCK_VIRTUAL, NULL);
    if (err)
        tw_error_print(stderr, err);
    ck_assert_ptr_null(err);
}

#line 98 "chapters/tier6-tests.nw"
struct holder { tw_coro co; tw_lock *lock; const char *tag; };

static tw_step holder_body(tw_coro *co)
{
    struct holder *f = (struct holder *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_lock_acquire(f->lock));
    if (TW_ERROR(co)) {
        note("x");
        TW_RERAISE(co);
    }
    note(f->tag);
    TW_AWAIT(co, tw_sleep(0));
    tw_lock_release(f->lock);
    TW_END(co);
}

static tw_task *holder(tw_lock *lock, const char *tag)
{
    struct holder *h = tw_coro_new(holder_body, sizeof *h);
    h->lock = lock;
    h->tag = tag;
    return tw_create_task(&h->co, NULL);
}
#line 72 "chapters/tier6-tests.nw"
START_TEST(waitlist_links_and_unlinks)
{
    tw__waitlist l = { 0 };
    tw__waiter a = { 0 }, b = { 0 }, c = { 0 };
    tw__waitlist_push(&l, &a);
    tw__waitlist_push(&l, &b);
    tw__waitlist_push(&l, &c);
    ck_assert_uint_eq(l.len, 3);
    tw__waitlist_remove(&l, &b);
    tw__waitlist_remove(&l, &b);          /* unlinked: nothing happens */
    ck_assert(!b.linked);
    ck_assert_uint_eq(l.len, 2);
    ck_assert_ptr_eq(tw__waitlist_pop(&l), &a);
    ck_assert_ptr_eq(tw__waitlist_pop(&l), &c);
    ck_assert_ptr_null(tw__waitlist_pop(&l));
    ck_assert_ptr_null(l.head);
    ck_assert_ptr_null(l.tail);
}
END_TEST
#line 125 "chapters/tier6-tests.nw"
enum { MANY = 40 };
static const char *const tags = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";

struct many_frame { tw_coro co; tw_lock *lock; void *tasks[MANY]; char tag[MANY][2]; };

static tw_step lock_many_body(tw_coro *co)
{
    struct many_frame *f = (struct many_frame *)co;
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    for (int i = 0; i < MANY; i++) {
        f->tag[i][0] = tags[i];
        f->tasks[i] = holder(f->lock, f->tag[i]);
    }
    TW_AWAIT(co, tw_sleep(0));
    ck_assert_uint_eq(f->lock->waiters.len, MANY);
    tw_lock_release(f->lock);
    TW_AWAIT(co, tw_gather(MANY, f->tasks, false));
    ck_assert(!f->lock->locked);
    ck_assert_uint_eq(f->lock->waiters.len, 0);
    tw_unref(f->lock);
    TW_END(co);
}

START_TEST(lock_is_fair_to_many)
{
    trace[0] = 0;
    run(lock_many_body, sizeof(struct many_frame));
    ck_assert_str_eq(trace, tags);
}
END_TEST

struct lock_frame { tw_coro co; tw_lock *lock; tw_task *a, *b; };

static tw_step lock_newcomer_body(tw_coro *co)
{
    struct lock_frame *f = (struct lock_frame *)co;
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    f->a = holder(f->lock, "a");
    TW_AWAIT(co, tw_sleep(0));
    tw_lock_release(f->lock);
    ck_assert(!f->lock->locked);
    ck_assert(tw_future_done(f->lock->waiters.head->fut));
    f->b = holder(f->lock, "b");          /* its first step runs after a's wake-up */
    TW_AWAIT(co, tw_lock_acquire(f->lock));   /* the lock is free, but main queues behind a */
    note("m");
    tw_lock_release(f->lock);
    TW_AWAIT(co, f->a);
    TW_AWAIT(co, f->b);
    tw_unref(f->lock);
    TW_END(co);
}

START_TEST(lock_refuses_newcomer_while_woken_waiter_waits)
{
    trace[0] = 0;
    run(lock_newcomer_body, sizeof(struct lock_frame));
    ck_assert_str_eq(trace, "amb");
}
END_TEST

static tw_step lock_cancel_woken_body(tw_coro *co)
{
    struct lock_frame *f = (struct lock_frame *)co;
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    f->a = holder(f->lock, "a");
    f->b = holder(f->lock, "b");
    TW_AWAIT(co, tw_sleep(0));
    tw_lock_release(f->lock);             /* chooses a ... */
    tw_task_cancel(f->a, NULL);           /* ... which passes the lock to b */
    TW_AWAIT_TRY(co, f->a);
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    TW_AWAIT(co, f->b);
    ck_assert(!f->lock->locked);
    ck_assert_uint_eq(f->lock->waiters.len, 0);
    tw_unref(f->lock);
    TW_END(co);
}

START_TEST(cancelled_woken_lock_waiter_passes_lock_on)
{
    trace[0] = 0;
    run(lock_cancel_woken_body, sizeof(struct lock_frame));
    ck_assert_str_eq(trace, "xb");
}
END_TEST
#line 224 "chapters/tier6-tests.nw"
struct sem_user { tw_coro co; tw_semaphore *sem; };

static tw_step sem_user_body(tw_coro *co)
{
    struct sem_user *f = (struct sem_user *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_semaphore_acquire(f->sem));
    TW_AWAIT_TRY(co, tw_sleep(0));
    tw_semaphore_release(f->sem);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct sem_frame { tw_coro co; tw_semaphore *sem; tw_task *tasks[10]; int i; };

static tw_step sem_churn_body(tw_coro *co)
{
    struct sem_frame *f = (struct sem_frame *)co;
    TW_BEGIN(co);
    tw_unref(tw_semaphore_new(2, &f->sem));
    for (int i = 0; i < 10; i++) {
        struct sem_user *u = tw_coro_new(sem_user_body, sizeof *u);
        u->sem = f->sem;
        f->tasks[i] = tw_create_task(&u->co, NULL);
    }
    tw_task_cancel(f->tasks[9], NULL);    /* before it ever waits */
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->tasks[5], NULL);    /* while it waits */
    for (f->i = 0; f->i < 4; f->i++) {
        tw_task_cancel(f->tasks[2 + 2 * f->i], NULL);   /* woken or about to be */
        TW_AWAIT(co, tw_sleep(0));
    }
    for (f->i = 0; f->i < 10; f->i++) {
        TW_AWAIT_TRY(co, f->tasks[f->i]);
        TW_CLEAR(co);
    }
    ck_assert_int_eq(f->sem->value, 2);
    ck_assert_uint_eq(f->sem->waiters.len, 0);
    ck_assert(!tw_semaphore_locked(f->sem));
    tw_unref(f->sem);
    TW_END(co);
}

START_TEST(semaphore_loses_no_slot_to_cancellations)
{
    run(sem_churn_body, sizeof(struct sem_frame));
}
END_TEST

struct event_waiter { tw_coro co; tw_event *ev; };

static tw_step event_waiter_body(tw_coro *co)
{
    struct event_waiter *f = (struct event_waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_event_wait(f->ev));
    note("w");
    TW_END(co);
}

struct event_frame { tw_coro co; tw_event *ev; void *tasks[3]; };

static tw_step event_twice_body(tw_coro *co)
{
    struct event_frame *f = (struct event_frame *)co;
    TW_BEGIN(co);
    f->ev = tw_event_new();
    for (int i = 0; i < 3; i++) {
        struct event_waiter *w = tw_coro_new(event_waiter_body, sizeof *w);
        w->ev = f->ev;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_event_set(f->ev);
    tw_event_clear(f->ev);
    tw_event_set(f->ev);                  /* the woken waiters are skipped */
    ck_assert_uint_eq(f->ev->waiters.len, 3);
    TW_AWAIT(co, tw_gather(3, f->tasks, false));
    ck_assert_uint_eq(f->ev->waiters.len, 0);
    tw_unref(f->ev);
    TW_END(co);
}

START_TEST(event_set_twice_wakes_each_waiter_once)
{
    trace[0] = 0;
    run(event_twice_body, sizeof(struct event_frame));
    ck_assert_str_eq(trace, "www");
}
END_TEST
#line 322 "chapters/tier6-tests.nw"
struct cond_waiter { tw_coro co; tw_condition *cond; };

static tw_step cond_waiter_body(tw_coro *co)
{
    struct cond_waiter *f = (struct cond_waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    TW_AWAIT_TRY(co, tw_condition_wait(f->cond));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    ck_assert(tw_condition_locked(f->cond));
    note("c");
    tw_condition_release(f->cond);
    TW_RERAISE(co);
    TW_END(co);
}

struct cond_frame { tw_coro co; tw_condition *cond; tw_task *task; };

static tw_step cond_cancel_body(tw_coro *co)
{
    struct cond_frame *f = (struct cond_frame *)co;
    struct cond_waiter *w;
    TW_BEGIN(co);
    f->cond = tw_condition_new(NULL);
    w = tw_coro_new(cond_waiter_body, sizeof *w);
    w->cond = f->cond;
    f->task = tw_create_task(&w->co, NULL);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify(f->cond, 1);
    TW_AWAIT(co, tw_sleep(0));            /* the waiter now queues on the lock */
    ck_assert_uint_eq(f->cond->lock->waiters.len, 1);
    tw_task_cancel(f->task, NULL);
    TW_AWAIT(co, tw_sleep(0));            /* cancelled in its acquire: it queues again */
    ck_assert_uint_eq(f->cond->lock->waiters.len, 1);
    tw_condition_release(f->cond);
    TW_AWAIT_TRY(co, f->task);
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    ck_assert(!tw_condition_locked(f->cond));
    ck_assert_uint_eq(f->cond->waiters.len, 0);
    tw_unref(f->cond);
    TW_END(co);
}

START_TEST(condition_wait_cancelled_in_reacquire_holds_lock)
{
    trace[0] = 0;
    run(cond_cancel_body, sizeof(struct cond_frame));
    ck_assert_str_eq(trace, "c");
}
END_TEST
#line 380 "chapters/tier6-tests.nw"
START_TEST(queue_ring_wraps_and_grows_in_order)
{
    tw_queue *q = tw_queue_new(0);
    intptr_t next_in = 0, next_out = 0;
    tw_value v;
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 10 + 7 * round; i++)
            ck_assert_ptr_null(tw_queue_put_nowait(q, TW_INT(next_in++)));
        for (int i = 0; i < 7; i++) {
            ck_assert_ptr_null(tw_queue_get_nowait(q, &v));
            ck_assert_int_eq(v.i, next_out++);
        }
    }
    ck_assert_uint_eq(tw_queue_qsize(q), (size_t)(next_in - next_out));
    while (tw_queue_get_nowait(q, &v) == NULL)
        ck_assert_int_eq(v.i, next_out++);
    ck_assert_int_eq(next_out, next_in);
    tw_unref(q);
}
END_TEST

static bool priority_only(tw_value a, tw_value b, void *arg)
{
    (void)arg;
    return a.i / 1000 < b.i / 1000;       /* an entry is priority * 1000 + id */
}

START_TEST(priority_ties_come_out_as_heapq_orders_them)
{
    static const int first[] = { 3, 1, 3, 2, 1, 3, 2, 1, 1, 3, 2, 2 }, later[] = { 1, 2, 1 };
    static const int expect[] = { 1, 4, 7, 8, 102, 100, 6, 11, 3, 101, 10, 2, 9, 0, 5 };
    tw_queue *q = tw_priority_queue_new(0, priority_only, NULL);
    int n = 0;
    tw_value v;
    for (int i = 0; i < 12; i++)
        tw_queue_put_nowait(q, TW_INT(first[i] * 1000 + i));
    for (int i = 0; i < 3; i++) {
        tw_queue_get_nowait(q, &v);
        ck_assert_int_eq(v.i % 1000, expect[n++]);
    }
    for (int i = 0; i < 3; i++)
        tw_queue_put_nowait(q, TW_INT(later[i] * 1000 + 100 + i));
    while (tw_queue_get_nowait(q, &v) == NULL)
        ck_assert_int_eq(v.i % 1000, expect[n++]);
    ck_assert_int_eq(n, 15);
    tw_unref(q);
}
END_TEST

struct putter { tw_coro co; tw_queue *q; intptr_t item; };

static tw_step putter_body(tw_coro *co)
{
    struct putter *f = (struct putter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_queue_put(f->q, TW_INT(f->item)));
    TW_END(co);
}

struct putter_frame { tw_coro co; tw_queue *q; tw_task *p1, *p2; };

static tw_step putter_cancel_body(tw_coro *co)
{
    struct putter_frame *f = (struct putter_frame *)co;
    struct putter *p;
    tw_value v;
    TW_BEGIN(co);
    f->q = tw_queue_new(1);
    tw_queue_put_nowait(f->q, TW_INT(0));
    p = tw_coro_new(putter_body, sizeof *p);
    p->q = f->q;
    p->item = 1;
    f->p1 = tw_create_task(&p->co, NULL);
    p = tw_coro_new(putter_body, sizeof *p);
    p->q = f->q;
    p->item = 2;
    f->p2 = tw_create_task(&p->co, NULL);
    TW_AWAIT(co, tw_sleep(0));
    ck_assert_uint_eq(f->q->putters.len, 2);
    tw_queue_get_nowait(f->q, &v);        /* pops and wakes p1 ... */
    ck_assert_uint_eq(f->q->putters.len, 1);
    tw_task_cancel(f->p1, NULL);          /* ... which wakes p2 instead */
    TW_AWAIT_TRY(co, f->p1);
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    TW_AWAIT(co, f->p2);
    ck_assert_uint_eq(f->q->putters.len, 0);
    ck_assert_ptr_null(tw_queue_get_nowait(f->q, &v));
    ck_assert_int_eq(v.i, 2);
    ck_assert(tw_queue_empty(f->q));
    tw_unref(f->q);
    TW_END(co);
}

START_TEST(cancelled_woken_putter_passes_wakeup_on)
{
    run(putter_cancel_body, sizeof(struct putter_frame));
}
END_TEST
#line 487 "chapters/tier6-tests.nw"
struct timing_frame { tw_coro co; tw_queue *q; tw_coro *put, *kept; tw_task *t; };

static tw_step queue_timing_body(tw_coro *co)
{
    struct timing_frame *f = (struct timing_frame *)co;
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    f->put = tw_queue_put(f->q, TW_INT(1));
    ck_assert_uint_eq(tw_queue_qsize(f->q), 0);
    tw_queue_put_nowait(f->q, TW_INT(0));
    f->kept = tw_ref(f->put);
    TW_AWAIT(co, f->put);
    tw_unref(tw_queue_put(f->q, TW_INT(2)));       /* closed, never awaited */
    ck_assert_uint_eq(tw_queue_qsize(f->q), 2);
    TW_AWAIT_TRY(co, f->kept);
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME));
    TW_AWAIT(co, tw_queue_get(f->q));
    ck_assert_int_eq(TW_RESULT(co).i, 0);
    TW_AWAIT(co, tw_queue_get(f->q));
    ck_assert_int_eq(TW_RESULT(co).i, 1);
    ck_assert(tw_queue_empty(f->q));
    f->t = tw_create_task(tw_queue_put(f->q, TW_INT(3)), NULL);
    ck_assert(tw_queue_empty(f->q));
    TW_AWAIT(co, f->t);
    ck_assert_uint_eq(tw_queue_qsize(f->q), 1);
    TW_AWAIT(co, tw_queue_get(f->q));
    ck_assert_int_eq(TW_RESULT(co).i, 3);
    tw_unref(f->q);
    TW_END(co);
}

START_TEST(queue_acts_when_awaited_not_when_called)
{
    run(queue_timing_body, sizeof(struct timing_frame));
}
END_TEST
#line 526 "chapters/tier6-tests.nw"
struct party { tw_coro co; tw_barrier *b; const char *tag; };

static tw_step party_body(tw_coro *co)
{
    struct party *f = (struct party *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_barrier_wait(f->b));
    note(TW_ERROR(co) ? "!" : f->tag);
    TW_CLEAR(co);
    TW_END(co);
}

static tw_task *party(tw_barrier *b, const char *tag)
{
    struct party *p = tw_coro_new(party_body, sizeof *p);
    p->b = b;
    p->tag = tag;
    return tw_create_task(&p->co, NULL);
}

struct barrier_frame { tw_coro co; tw_barrier *b; tw_task *t1, *t2; };

static tw_step barrier_states_body(tw_coro *co)
{
    struct barrier_frame *f = (struct barrier_frame *)co;
    TW_BEGIN(co);
    tw_unref(tw_barrier_new(2, &f->b));
    f->t1 = party(f->b, "1");
    TW_AWAIT(co, tw_sleep(0));
    ck_assert_int_eq(f->b->state, TW__FILLING);
    ck_assert_uint_eq(f->b->count, 1);
    f->t2 = party(f->b, "2");
    TW_AWAIT(co, tw_sleep(0));            /* the second arrival fills the round */
    ck_assert_int_eq(f->b->state, TW__DRAINING);
    ck_assert_uint_eq(tw_barrier_n_waiting(f->b), 0);
    TW_AWAIT(co, f->t1);
    TW_AWAIT(co, f->t2);
    ck_assert_int_eq(f->b->state, TW__FILLING);
    ck_assert_uint_eq(f->b->count, 0);

    f->t1 = party(f->b, "3");
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_barrier_reset(f->b));
    ck_assert_int_eq(f->b->state, TW__RESETTING);
    TW_AWAIT(co, f->t1);                  /* the last one out refills it */
    ck_assert_int_eq(f->b->state, TW__FILLING);

    TW_AWAIT(co, tw_barrier_abort(f->b));
    ck_assert_int_eq(f->b->state, TW__BROKEN);
    TW_AWAIT_TRY(co, tw_barrier_wait(f->b));
    ck_assert_str_eq(tw_error_message(TW_ERROR(co)), "Barrier aborted");
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME));
    TW_CLEAR(co);
    ck_assert(!tw_condition_locked(f->b->cond));
    tw_unref(f->b);
    TW_END(co);
}

START_TEST(barrier_walks_its_states)
{
    trace[0] = 0;
    run(barrier_states_body, sizeof(struct barrier_frame));
    ck_assert_str_eq(trace, "21!");
}
END_TEST
#line 597 "chapters/tier6-tests.nw"
START_TEST(barrier_needs_a_party)
{
    tw_barrier *b = (tw_barrier *)1;
    tw_error *err = tw_barrier_new(0, &b);
    ck_assert_ptr_null(b);
    ck_assert_str_eq(tw_error_type(err), "ValueError");
    ck_assert_str_eq(tw_error_message(err), "parties must be > 0");
    tw_unref(err);
}
END_TEST
#line 613 "chapters/tier6-tests.nw"
static tw_lock *shared_lock;

static tw_step contend_body(tw_coro *co)
{
    struct lock_frame *f = (struct lock_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_lock_acquire(shared_lock));
    f->a = holder(shared_lock, "h");
    TW_AWAIT(co, tw_sleep(0));            /* the holder must wait: the lock binds */
    tw_lock_release(shared_lock);
    TW_AWAIT_TRY(co, f->a);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

START_TEST(primitive_refuses_a_second_loop)
{
    tw_loop *one = tw_loop_new_clock(TW_CLOCK_VIRTUAL), *two = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_error *err;
    struct lock_frame *f;
    shared_lock = tw_lock_new();
    trace[0] = 0;
    f = tw_coro_new(contend_body, sizeof *f);
    ck_assert_ptr_null(tw_loop_run_until_complete(one, &f->co, NULL));
    ck_assert_ptr_eq(shared_lock->hdr.loop, one);
    f = tw_coro_new(contend_body, sizeof *f);
    err = tw_loop_run_until_complete(two, &f->co, NULL);
    ck_assert(tw_error_is(err, TW_ERR_RUNTIME));
    ck_assert_ptr_nonnull(strstr(tw_error_message(err), "is bound to a different event loop"));
    tw_unref(err);
    ck_assert_str_eq(trace, "hx");
    tw_loop_free(one);
    tw_loop_free(two);
    tw_unref(shared_lock);
}
END_TEST
#line 659 "chapters/tier6-tests.nw"
struct getter { tw_coro co; tw_queue *q; };

static tw_step getter_body(tw_coro *co)
{
    struct getter *f = (struct getter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_queue_get(f->q));
    note("never");
    TW_END(co);
}

struct abandon_frame { tw_coro co; tw_queue *q; };

static tw_step abandon_body(tw_coro *co)
{
    struct abandon_frame *f = (struct abandon_frame *)co;
    struct getter *g;
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    g = tw_coro_new(getter_body, sizeof *g);
    g->q = f->q;
    tw_unref(tw_create_task(&g->co, NULL));
    TW_AWAIT(co, tw_sleep(0));
    ck_assert_uint_eq(f->q->getters.len, 1);
    ck_assert_int_eq(f->q->hdr.obj.refs, 2);
    tw_unref(f->q);                       /* the waiting get holds the last reference */
    TW_END(co);
}

START_TEST(waiting_coroutine_keeps_primitive_alive)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct abandon_frame *f = tw_coro_new(abandon_body, sizeof *f);
    trace[0] = 0;
    ck_assert_ptr_null(tw_loop_run_until_complete(L, &f->co, NULL));
    tw_loop_free(L);
    ck_assert_str_eq(trace, "");
}
END_TEST

#line 47 "chapters/tier6-tests.nw"
Suite *tw_sync_suite(void)
{
    Suite *s = suite_create("sync");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, waitlist_links_and_unlinks);
    tcase_add_test(tc, lock_is_fair_to_many);
    tcase_add_test(tc, lock_refuses_newcomer_while_woken_waiter_waits);
    tcase_add_test(tc, cancelled_woken_lock_waiter_passes_lock_on);
    tcase_add_test(tc, semaphore_loses_no_slot_to_cancellations);
    tcase_add_test(tc, event_set_twice_wakes_each_waiter_once);
    tcase_add_test(tc, condition_wait_cancelled_in_reacquire_holds_lock);
    tcase_add_test(tc, queue_ring_wraps_and_grows_in_order);
    tcase_add_test(tc, priority_ties_come_out_as_heapq_orders_them);
    tcase_add_test(tc, cancelled_woken_putter_passes_wakeup_on);
    tcase_add_test(tc, queue_acts_when_awaited_not_when_called);
    tcase_add_test(tc, barrier_walks_its_states);
    tcase_add_test(tc, barrier_needs_a_party);
    tcase_add_test(tc, primitive_refuses_a_second_loop);
    tcase_add_test(tc, waiting_coroutine_keeps_primitive_alive);
    suite_add_tcase(s, tc);
    return s;
}
