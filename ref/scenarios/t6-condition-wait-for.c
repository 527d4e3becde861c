#line 527 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

static int count;

static tw_value ready(void *arg)
{
    static char text[32];
    (void)arg;
    if (count < 3)
        return TW_INT(0);
    snprintf(text, sizeof text, "count=%d", count);
    return TW_STR(text);
}

struct waiter { tw_coro co; tw_condition *cond; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    TW_AWAIT_TRY(co, tw_condition_wait_for(f->cond, ready, NULL));
    if (TW_ERROR(co) == NULL)
        printf("wait_for returned %s holding the lock %s\n", TW_RESULT(co).s,
               tw_bool_str(tw_condition_locked(f->cond)));
    tw_condition_release(f->cond);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_condition *cond; tw_task *task; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct waiter *w;
    TW_BEGIN(co);
    f->cond = tw_condition_new(NULL);
    w = tw_coro_new(waiter_body, sizeof *w);
    w->cond = f->cond;
    f->task = tw_create_task(&w->co, NULL);
    for (f->i = 0; f->i < 3; f->i++) {
        TW_AWAIT(co, tw_sleep(0));
        TW_AWAIT(co, tw_condition_acquire(f->cond));
        count++;
        printf("count is %d waiter done: %s\n",
               count, tw_bool_str(tw_future_done(tw_task_future(f->task))));
        tw_condition_notify_all(f->cond);
        tw_condition_release(f->cond);
    }
    TW_AWAIT(co, f->task);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    TW_AWAIT_TRY(co, tw_condition_wait_for(f->cond, ready, NULL));
    if (TW_ERROR(co) == NULL)
        printf("predicate already true: returns %s\n", TW_RESULT(co).s);
    tw_condition_release(f->cond);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    tw_unref(f->cond);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
