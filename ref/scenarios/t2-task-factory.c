#line 1330 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static int calls;

static tw_task *counting_factory(tw_loop *loop, tw_coro *coro, const char *name, void *data)
{
    (void)data;
    calls++;
    printf("factory call %d: given the running loop: %s\n", calls,
           tw_bool_str(loop == tw_get_running_loop()));
    return tw_task_new(loop, coro, name);
}

static const char *factory_str(tw_task_factory factory)
{
    return factory ? "a factory" : "None";
}

struct double_frame { tw_coro co; intptr_t n; };

static tw_step double_body(tw_coro *co)
{
    struct double_frame *f = (struct double_frame *)co;
    TW_BEGIN(co);
    TW_RETURN(co, TW_INT(f->n * 2));
    TW_END(co);
}

static tw_coro *double_of(intptr_t n)
{
    struct double_frame *f = (struct double_frame *)tw_coro_new(double_body, sizeof *f);
    f->n = n;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    printf("get_task_factory() by default: %s\n", factory_str(tw_loop_get_task_factory(loop)));
    tw_loop_set_task_factory(loop, counting_factory, NULL);
    printf("get_task_factory() is the factory: %s\n",
           tw_bool_str(tw_loop_get_task_factory(loop) == counting_factory));
    TW_AWAIT(co, tw_create_task(double_of(21), NULL));
    printf("asyncio.create_task through the factory: %ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT(co, tw_loop_create_task(loop, double_of(4), NULL));
    printf("loop.create_task through the factory: %ld\n", (long)TW_RESULT(co).i);
    tw_loop_set_task_factory(loop, NULL, NULL);
    printf("get_task_factory() after set_task_factory(None): %s\n",
           factory_str(tw_loop_get_task_factory(loop)));
    TW_AWAIT(co, tw_create_task(double_of(5), NULL));
    printf("create_task without the factory: %ld\n", (long)TW_RESULT(co).i);
    printf("factory calls in all: %d\n", calls);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
