#line 612 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct waiter { tw_coro co; const char *name; tw_condition *cond; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    TW_AWAIT_TRY(co, tw_condition_wait(f->cond));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("%s cancelled, holding the lock again: %s\n", f->name,
               tw_bool_str(tw_lock_locked(tw_condition_lock(f->cond))));
    tw_condition_release(f->cond);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_task *start_waiter(const char *name, tw_condition *cond)
{
    struct waiter *w = tw_coro_new(waiter_body, sizeof *w);
    w->name = name;
    w->cond = cond;
    return tw_create_task(&w->co, NULL);
}

static const char *outcome(tw_coro *co)
{
    return tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED) ? "cancelled" : "returned";
}

struct main_frame { tw_coro co; tw_lock *lock; tw_condition *cond; tw_task *a, *b; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    f->cond = tw_condition_new(f->lock);
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    printf("lock taken directly, condition locked: %s\n", tw_bool_str(tw_condition_locked(f->cond)));
    tw_lock_release(f->lock);
    printf("lock released, condition locked: %s\n", tw_bool_str(tw_condition_locked(f->cond)));

    /* A is cancelled while it waits for a notification. */
    f->a = start_waiter("A", f->cond);
    TW_AWAIT(co, tw_sleep(0));
    printf("A waits, lock free: %s\n", tw_bool_str(!tw_lock_locked(f->lock)));
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    tw_task_cancel(f->a, NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("A not done while main holds the lock: %s\n",
           tw_bool_str(!tw_future_done(tw_task_future(f->a))));
    tw_lock_release(f->lock);
    TW_AWAIT_TRY(co, f->a);
    printf("A: %s - lock free: %s\n", outcome(co), tw_bool_str(!tw_lock_locked(f->lock)));
    TW_CLEAR(co);

    /* B is notified, then cancelled while it waits to take the lock back. */
    f->b = start_waiter("B", f->cond);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify(f->cond, 1);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->b, NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("B not done while main holds the lock: %s\n",
           tw_bool_str(!tw_future_done(tw_task_future(f->b))));
    tw_condition_release(f->cond);
    TW_AWAIT_TRY(co, f->b);
    printf("B: %s - lock free: %s\n", outcome(co), tw_bool_str(!tw_lock_locked(f->lock)));
    TW_CLEAR(co);
    tw_unref(f->cond);
    tw_unref(f->lock);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
