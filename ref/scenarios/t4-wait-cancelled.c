#line 3154 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *name; tw_future *gate; };

static void worker_cleanup(tw_coro *co)
{
    tw_unref(((struct worker *)co)->gate);
}

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_ref(f->gate));
    TW_RETURN(co, TW_STR(f->name));
    TW_END(co);
}

struct waiter { tw_coro co; tw_task **tasks; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    {
        void *aws[2] = { tw_ref(f->tasks[0]), tw_ref(f->tasks[1]) };
        TW_AWAIT_TRY(co, tw_wait(2, aws, TW_FOREVER, TW_ALL_COMPLETED));
    }
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("waiter: CancelledError out of asyncio.wait\n");
    TW_RERAISE(co);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_future *gate; tw_task *tasks[2], *w; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->gate);
    tw_unref(f->tasks[0]);
    tw_unref(f->tasks[1]);
    tw_unref(f->w);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->gate = tw_future_new(tw_get_running_loop());
    for (int i = 0; i < 2; i++) {
        struct worker *w = tw_coro_new(worker_body, sizeof *w);
        w->name = i == 0 ? "a" : "b";
        w->gate = tw_ref(f->gate);
        w->co.cleanup = worker_cleanup;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    {
        struct waiter *w = tw_coro_new(waiter_body, sizeof *w);
        w->tasks = f->tasks;
        f->w = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->w, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->w));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("the waiting task is cancelled: %s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->w))));
    printf("the tasks it waited for are cancelled: %s %s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->tasks[0]))),
           tw_bool_str(tw_future_cancelled(tw_task_future(f->tasks[1]))));
    tw_unref(tw_future_set_result(f->gate, TW_NONE));
    TW_AWAIT(co, tw_ref(f->tasks[0]));
    printf("they run on to their results: %s ", TW_RESULT(co).s);
    TW_AWAIT(co, tw_ref(f->tasks[1]));
    printf("%s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
