#line 1678 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct child { tw_coro co; const char *name; };

static tw_step child_body(tw_coro *co)
{
    struct child *f = (struct child *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("%s: cancelled by the group\n", f->name);
        TW_RERAISE(co);
    }
    TW_END(co);
}

static tw_coro *child(const char *name)
{
    struct child *f = tw_coro_new(child_body, sizeof *f);
    f->name = name;
    return &f->co;
}

static tw_step fails(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "the child failed"));
    TW_END(co);
}

struct block { tw_coro co; tw_taskgroup *tg; };

static void block_cleanup(tw_coro *co)
{
    tw_unref(((struct block *)co)->tg);
}

static tw_step cancelled_in_block(tw_coro *co)
{
    struct block *f = (struct block *)co;
    TW_BEGIN(co);
    f->tg = tw_taskgroup_new();
    tw_unref(tw_taskgroup_create_task(f->tg, child("a"), NULL));
    printf("block: waiting\n");
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (TW_ERROR(co) == NULL)
        printf("block: not reached\n");
    TW_AWAIT(co, tw_taskgroup_exit(tw_ref(f->tg), TW_TAKE_ERROR(co)));
    printf("after the block (not expected)\n");
    TW_END(co);
}

static tw_step failed_and_cancelled(tw_coro *co)
{
    struct block *f = (struct block *)co;
    TW_BEGIN(co);
    f->tg = tw_taskgroup_new();
    tw_unref(tw_taskgroup_create_task(f->tg, tw_coro_new(fails, sizeof(tw_coro)), NULL));
    tw_unref(tw_taskgroup_create_task(f->tg, child("c"), NULL));
    TW_AWAIT_TRY(co, tw_sleep(10));
    TW_AWAIT_TRY(co, tw_taskgroup_exit(tw_ref(f->tg), TW_TAKE_ERROR(co)));
    if (tw_error_is(TW_ERROR(co), TW_ERR_GROUP) && tw_error_count(TW_ERROR(co)) == 1
        && tw_error_is(tw_error_item(TW_ERROR(co), 0), TW_ERR_VALUE))
        printf("%s of 1: ValueError(%s)\n", tw_error_type(TW_ERROR(co)),
               tw_error_message(tw_error_item(TW_ERROR(co), 0)));
    else
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("after the block: cancelling()=%d\n", tw_task_cancelling(tw_current_task()));
    TW_RETURN(co, TW_STR("returned"));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *t; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->t);
}

static tw_task *block_task(tw_coro_fn body)
{
    struct block *b = tw_coro_new(body, sizeof *b);
    b->co.cleanup = block_cleanup;
    return tw_create_task(&b->co, NULL);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->t = block_task(cancelled_in_block);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->t, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->t));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("cancelled in the block: CancelledError, cancelled()=%s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->t))));
    tw_unref(f->t);

    f->t = block_task(failed_and_cancelled);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->t, NULL);
    TW_AWAIT(co, tw_ref(f->t));
    printf("a child failed, then cancelled from outside: %s\n", TW_RESULT(co).s);
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
