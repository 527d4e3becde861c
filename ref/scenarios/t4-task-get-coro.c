#line 2951 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step child(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("child's result"));
    TW_END(co);
}

static tw_step outer(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_coro_call(child));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_coro *coro; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->coro = tw_coro_call(outer);
    f->task = tw_create_task(f->coro, NULL);
    printf("before the task starts: get_coro() is the coroutine given: %s\n",
           tw_bool_str(tw_task_get_coro(f->task) == f->coro));
    TW_AWAIT(co, tw_sleep(0));
    printf("suspended in the coroutine it awaits: get_coro() is still the outer one: %s\n",
           tw_bool_str(tw_task_get_coro(f->task) == f->coro));
    TW_AWAIT(co, f->task);          /* the await takes the reference */
    printf("result: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
