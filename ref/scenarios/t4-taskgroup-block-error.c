#line 1817 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *name; tw_taskgroup *tg; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("%s: cancelled by the group\n", f->name);
        if (tw_taskgroup_create_task(f->tg, tw_sleep(0), NULL) == NULL)
            printf("%s: create_task while the group aborts: RuntimeError\n", f->name);
        TW_RERAISE(co);
    }
    TW_END(co);
}

static tw_coro *worker(const char *name, tw_taskgroup *tg)
{
    struct worker *f = tw_coro_new(worker_body, sizeof *f);
    f->name = name;
    f->tg = tg;
    return &f->co;
}

struct waiter { tw_coro co; tw_taskgroup *tg; };

static tw_step waiter(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    f->tg = tw_taskgroup_new();
    tw_unref(tw_taskgroup_create_task(f->tg, worker("child", f->tg), NULL));
    printf("waiter: at the end of the block\n");
    TW_AWAIT(co, tw_taskgroup_exit(f->tg, NULL));
    printf("waiter: after the block (not expected)\n");
    TW_END(co);
}

struct main_frame { tw_coro co; tw_taskgroup *tg; tw_task *w; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->tg);
    tw_unref(f->w);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_task *late;
    TW_BEGIN(co);
    f->tg = tw_taskgroup_new();
    tw_unref(tw_taskgroup_create_task(f->tg, worker("worker", f->tg), NULL));
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT_TRY(co, tw_taskgroup_exit(tw_ref(f->tg), tw_error_new(TW_ERR_VALUE, "the block failed")));
    if (tw_error_is(TW_ERROR(co), TW_ERR_GROUP) && tw_error_count(TW_ERROR(co)) == 1
        && tw_error_is(tw_error_item(TW_ERROR(co), 0), TW_ERR_VALUE))
        printf("%s of 1: ValueError(%s)\n", tw_error_type(TW_ERROR(co)),
               tw_error_message(tw_error_item(TW_ERROR(co), 0)));
    else
        TW_RERAISE(co);
    TW_CLEAR(co);
    late = tw_taskgroup_create_task(f->tg, tw_sleep(0), NULL);
    if (late == NULL)
        printf("create_task on a finished group: RuntimeError\n");
    tw_unref(late);

    f->w = tw_create_task(tw_coro_new(waiter, sizeof(struct waiter)), NULL);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->w, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->w));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("waiter cancelled: %s\n", tw_bool_str(tw_future_cancelled(tw_task_future(f->w))));
    TW_CLEAR(co);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
