#line 365 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step inner(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("inner: cancelled\n");
        TW_RERAISE(co);
    }
    TW_END(co);
}

struct outer { tw_coro co; tw_task *child; };

static tw_step outer(tw_coro *co)
{
    struct outer *f = (struct outer *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, f->child);
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("outer: cancelled\n");
        TW_RERAISE(co);
    }
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *child, *parent; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    {
        struct outer *o = tw_coro_new(outer, sizeof *o);
        f->child = tw_create_task(tw_coro_new(inner, sizeof(tw_coro)), NULL);
        o->child = tw_ref(f->child);
        f->parent = tw_create_task(&o->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->parent, NULL);
    {
        void *both[2] = { tw_ref(f->parent), tw_ref(f->child) };
        TW_AWAIT(co, tw_gather(2, both, true));
    }
    printf("parent cancelled=%s child cancelled=%s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->parent))),
           tw_bool_str(tw_future_cancelled(tw_task_future(f->child))));
    tw_unref(f->parent);
    tw_unref(f->child);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
