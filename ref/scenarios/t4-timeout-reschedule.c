#line 2843 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

/* async with asyncio.timeout...(...) as cm: a frame keeps cm across awaits */
struct frame { tw_coro co; tw_timeout *cm; double deadline; tw_task *task; };

static void frame_cleanup(tw_coro *co)
{
    tw_timeout_free(((struct frame *)co)->cm);
}

static tw_error *enter(struct frame *f, tw_timeout *cm)
{
    tw_timeout_free(f->cm);
    f->cm = cm;
    return tw_timeout_enter(cm);
}

static tw_step waits_body(tw_coro *co)
{
    struct frame *f = (struct frame *)co;
    tw_error *e;
    TW_BEGIN(co);
    if ((e = enter(f, tw_timeout_new(10))) != NULL)
        TW_RAISE(co, e);
    TW_AWAIT_TRY(co, tw_sleep(20));
    printf("body interrupted, expired()=%s\n", tw_bool_str(tw_timeout_expired(f->cm)));
    TW_RAISE(co, tw_timeout_exit(f->cm, TW_TAKE_ERROR(co)));
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    struct frame *f = (struct frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *e;
    TW_BEGIN(co);
    f->deadline = tw_loop_time(loop) + 10;
    if ((e = enter(f, tw_timeout_at(f->deadline))) != NULL)
        TW_RAISE(co, e);
    printf("timeout_at(deadline).when() == deadline: %s\n",
           tw_bool_str(tw_timeout_when(f->cm) == f->deadline));
    if ((e = tw_timeout_reschedule(f->cm, f->deadline + 5)) != NULL)
        TW_RAISE(co, tw_timeout_exit(f->cm, e));
    printf("after reschedule(deadline + 5): when() == deadline + 5: %s\n",
           tw_bool_str(tw_timeout_when(f->cm) == f->deadline + 5));
    TW_AWAIT_TRY(co, tw_sleep(0));
    if ((e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co))) != NULL)
        TW_RAISE(co, e);
    printf("body finished before the deadline: expired()=%s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));

    if ((e = enter(f, tw_timeout_new(10))) != NULL)
        TW_RAISE(co, e);
    if ((e = tw_timeout_reschedule(f->cm, tw_loop_time(loop) - 1)) != NULL)
        TW_RAISE(co, tw_timeout_exit(f->cm, e));
    printf("rescheduled into the past, expired() before any await: %s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));
    TW_AWAIT_TRY(co, tw_sleep(0));
    if (TW_ERROR(co) == NULL)
        printf("not reached\n");
    e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co));
    if (!tw_error_is(e, TW_ERR_TIMEOUT))
        TW_RAISE(co, e);
    tw_unref(e);
    printf("a deadline in the past fires at the first await: expired()=%s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));

    {
        struct frame *w = tw_coro_new(waits_body, sizeof *w);
        w->co.cleanup = frame_cleanup;
        f->task = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);      /* the await takes the reference */
    f->task = NULL;
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        TW_CLEAR(co);
        printf("cancelled from outside: CancelledError, not TimeoutError\n");
    }
    TW_END(co);
}

int main(void)
{
    struct frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = frame_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
