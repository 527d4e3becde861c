#line 563 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

struct compute { tw_coro co; intptr_t x; };

static tw_step compute_body(tw_coro *co)
{
    struct compute *f = (struct compute *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_INT(f->x * f->x));
    TW_END(co);
}

static tw_step nothing_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct compute *c;
    tw_value v;
    TW_BEGIN(co);
    c = tw_coro_new(compute_body, sizeof *c);
    c->x = 9;
    f->task = tw_create_task(&c->co, NULL);
    TW_AWAIT(co, tw_ref(f->task));
    tw_unref(tw_future_result(tw_task_future(f->task), &v));
    printf("await task -> %ld\n", (long)TW_RESULT(co).i);
    printf("task.result() -> %ld\n", (long)v.i);
    printf("same value: %s\n", tw_bool_str(TW_RESULT(co).i == v.i));
    tw_unref(f->task);
    f->task = tw_create_task(tw_coro_new(nothing_body, sizeof(tw_coro)), NULL);
    TW_AWAIT(co, tw_ref(f->task));
    tw_unref(tw_future_result(tw_task_future(f->task), &v));
    printf("task of a coroutine without return -> %s\n", v.p == NULL ? "None" : "?");
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
