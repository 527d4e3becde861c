#line 321 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct waiter { tw_coro co; const char *name; tw_condition *cond; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    TW_AWAIT_TRY(co, tw_condition_wait(f->cond));
    if (TW_ERROR(co) == NULL)
        printf("%s woke\n", f->name);
    tw_condition_release(f->cond);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct settle { tw_coro co; int i; };

static tw_step settle_body(tw_coro *co)
{
    struct settle *f = (struct settle *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 5; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static tw_coro *settle(void) { return tw_coro_new(settle_body, sizeof(struct settle)); }

struct main_frame { tw_coro co; tw_condition *cond; void *tasks[4]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "w0", "w1", "w2", "w3" };
    TW_BEGIN(co);
    f->cond = tw_condition_new(NULL);
    for (int i = 0; i < 4; i++) {
        struct waiter *w = tw_coro_new(waiter_body, sizeof *w);
        w->name = names[i];
        w->cond = f->cond;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, settle());
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify(f->cond, 2);
    printf("notify(2)\n");
    tw_condition_release(f->cond);
    TW_AWAIT(co, settle());
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify(f->cond, 1);
    printf("notify(1)\n");
    tw_condition_release(f->cond);
    TW_AWAIT(co, settle());
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify_all(f->cond);
    printf("notify_all()\n");
    tw_condition_release(f->cond);
    TW_AWAIT(co, tw_gather(4, f->tasks, false));
    tw_unref(f->cond);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
