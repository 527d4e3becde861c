#line 1730 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *name; tw_semaphore *sem; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_semaphore_acquire(f->sem));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("%s cancelled before acquiring, locked: %s\n", f->name,
               tw_bool_str(tw_semaphore_locked(f->sem)));
        TW_RERAISE(co);
    }
    printf("%s acquired\n", f->name);
    TW_AWAIT_TRY(co, tw_sleep(0));
    tw_semaphore_release(f->sem);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_semaphore *sem; void *tasks[3]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "A", "B", "C" };
    TW_BEGIN(co);
    tw_unref(tw_semaphore_new(1, &f->sem));
    TW_AWAIT(co, tw_semaphore_acquire(f->sem));
    for (int i = 0; i < 3; i++) {
        struct worker *w = tw_coro_new(worker_body, sizeof *w);
        w->name = names[i];
        w->sem = f->sem;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->tasks[1], NULL);  /* B gives up while waiting */
    TW_AWAIT(co, tw_sleep(0));
    tw_semaphore_release(f->sem);       /* hands the slot to A ... */
    tw_task_cancel(f->tasks[0], NULL);  /* ... which is cancelled before it runs: the slot goes to C */
    TW_AWAIT(co, tw_gather(3, f->tasks, true));
    {
        const tw_gathered *g = TW_RESULT(co).p;
        printf("outcomes:");
        for (size_t i = 0; i < g->n; i++)
            printf(" %s", tw_error_is(g->errors[i], TW_ERR_CANCELLED) ? "cancelled" : "ok");
        printf("\n");
    }
    printf("locked at the end: %s\n", tw_bool_str(tw_semaphore_locked(f->sem)));
    TW_AWAIT(co, tw_semaphore_acquire(f->sem));
    printf("can acquire again: %s\n", tw_bool_str(TW_RESULT(co).i == 1));
    tw_unref(f->sem);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
