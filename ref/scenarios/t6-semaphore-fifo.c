#line 1805 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *name; tw_semaphore *sem; tw_event *gate; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_semaphore_acquire(f->sem));
    printf("%s acquired\n", f->name);
    TW_AWAIT_TRY(co, tw_event_wait(f->gate));
    tw_semaphore_release(f->sem);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    printf("%s released\n", f->name);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_semaphore *sem; tw_event *gates[5]; void *tasks[5]; int i, j; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "t0", "t1", "t2", "t3", "t4" };
    static const int order[] = { 1, 0, 2, 3, 4 };
    TW_BEGIN(co);
    tw_unref(tw_semaphore_new(2, &f->sem));
    for (int i = 0; i < 5; i++) {
        struct worker *w = tw_coro_new(worker_body, sizeof *w);
        f->gates[i] = tw_event_new();
        w->name = names[i];
        w->sem = f->sem;
        w->gate = f->gates[i];
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("locked: %s\n", tw_bool_str(tw_semaphore_locked(f->sem)));
    for (f->i = 0; f->i < 5; f->i++) {
        tw_event_set(f->gates[order[f->i]]);
        for (f->j = 0; f->j < 3; f->j++)
            TW_AWAIT(co, tw_sleep(0));
    }
    TW_AWAIT(co, tw_gather(5, f->tasks, false));
    printf("locked: %s\n", tw_bool_str(tw_semaphore_locked(f->sem)));
    for (int i = 0; i < 5; i++)
        tw_unref(f->gates[i]);
    tw_unref(f->sem);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
