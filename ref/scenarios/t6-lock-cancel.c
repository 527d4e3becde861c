#line 787 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *name; tw_lock *lock; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_lock_acquire(f->lock));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("%s cancelled before acquiring, lock locked: %s\n", f->name,
               tw_bool_str(tw_lock_locked(f->lock)));
        TW_RERAISE(co);
    }
    printf("%s acquired\n", f->name);
    TW_AWAIT_TRY(co, tw_sleep(0));
    tw_lock_release(f->lock);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_lock *lock; tw_task *tasks[3]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "A", "B", "C" };
    void *aws[3];
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    for (int i = 0; i < 3; i++) {
        struct worker *w = tw_coro_new(worker_body, sizeof *w);
        w->name = names[i];
        w->lock = f->lock;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->tasks[1], NULL);   /* B gives up while the lock is held */
    TW_AWAIT(co, tw_sleep(0));
    tw_lock_release(f->lock);            /* wakes A ... */
    tw_task_cancel(f->tasks[0], NULL);   /* ... which is cancelled before it runs: the lock passes to C */
    for (int i = 0; i < 3; i++)
        aws[i] = f->tasks[i];
    TW_AWAIT(co, tw_gather(3, aws, true));
    {
        const tw_gathered *g = TW_RESULT(co).p;
        printf("outcomes:");
        for (size_t i = 0; i < g->n; i++)
            printf(" %s", tw_error_is(g->errors[i], TW_ERR_CANCELLED) ? "cancelled" : "ok");
        printf("\n");
    }
    printf("lock locked at the end: %s\n", tw_bool_str(tw_lock_locked(f->lock)));
    tw_unref(f->lock);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
