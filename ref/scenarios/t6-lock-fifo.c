#line 925 "chapters/tier6-examples.nw"
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
    if (TW_ERROR(co) == NULL)
        printf("%s releasing\n", f->name);
    tw_lock_release(f->lock);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_lock *lock; void *tasks[3]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "w0", "w1", "w2" };
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    printf("locked: %s\n", tw_bool_str(tw_lock_locked(f->lock)));
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    printf("locked: %s\n", tw_bool_str(tw_lock_locked(f->lock)));
    for (int i = 0; i < 3; i++) {
        struct worker *w = tw_coro_new(worker_body, sizeof *w);
        w->name = names[i];
        w->lock = f->lock;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));          /* w0, w1, w2 now wait, in that order */
    tw_lock_release(f->lock);
    TW_AWAIT(co, tw_gather(3, f->tasks, false));
    printf("locked: %s\n", tw_bool_str(tw_lock_locked(f->lock)));
    tw_unref(f->lock);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
