#line 988 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *name; tw_lock *lock; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    printf("%s acquired\n", f->name);
    TW_AWAIT_TRY(co, tw_sleep(0));
    tw_lock_release(f->lock);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_task *worker(const char *name, tw_lock *lock)
{
    struct worker *w = tw_coro_new(worker_body, sizeof *w);
    w->name = name;
    w->lock = lock;
    return tw_create_task(&w->co, NULL);
}

struct main_frame { tw_coro co; tw_lock *lock; tw_task *first, *other; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    void *aws[2];
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    f->first = worker("waiter", f->lock);
    TW_AWAIT(co, tw_sleep(0));          /* the waiter is queued on the held lock */
    tw_lock_release(f->lock);
    /* The lock is unlocked now, but the woken waiter has not run yet. */
    printf("locked right after release: %s\n", tw_bool_str(tw_lock_locked(f->lock)));
    aws[0] = f->first;
    aws[1] = worker("late", f->lock);
    TW_AWAIT(co, tw_gather(2, aws, false));
    /* The releasing task itself cannot take the lock back either. */
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    f->other = worker("queued", f->lock);
    TW_AWAIT(co, tw_sleep(0));
    tw_lock_release(f->lock);
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    printf("main acquired again\n");
    tw_lock_release(f->lock);
    TW_AWAIT(co, f->other);
    tw_unref(f->lock);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
