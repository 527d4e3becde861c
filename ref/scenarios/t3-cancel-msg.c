#line 448 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static const char *msg_of(const tw_error *e)
{
    return tw_error_message(e) ? tw_error_message(e) : "None";
}

struct waiter { tw_coro co; tw_future *fut; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_ref(f->fut));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("waiter: CancelledError msg=%s\n", msg_of(TW_ERROR(co)));
        TW_RETURN(co, TW_STR("waiter handled it"));
    }
    printf("waiter: not reached\n");
    TW_END(co);
}

static tw_error *done_cb(tw_future *f, void *arg)
{
    (void)arg;
    printf("done callback: cancelled()=%s\n", tw_bool_str(tw_future_cancelled(f)));
    return NULL;
}

struct main_frame { tw_coro co; tw_future *fut; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct waiter *w;
    TW_BEGIN(co);
    f->fut = tw_future_new(loop);
    tw_future_add_done_callback(f->fut, done_cb, NULL);
    w = tw_coro_new(waiter_body, sizeof *w);
    w->fut = f->fut;
    f->task = tw_create_task(&w->co, NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("cancel('stop') -> %s\n", tw_bool_str(tw_future_cancel(f->fut, "stop")));
    printf("cancel('again') -> %s\n", tw_bool_str(tw_future_cancel(f->fut, "again")));
    printf("done() = %s, cancelled() = %s\n",
           tw_bool_str(tw_future_done(f->fut)),
           tw_bool_str(tw_future_cancelled(f->fut)));
    TW_AWAIT(co, f->task);
    printf("task -> %s\n", TW_RESULT(co).s);
    {
        tw_error *e = tw_future_result(f->fut, NULL);
        printf("result(): CancelledError msg=%s\n", msg_of(e));
        tw_unref(e);
        tw_unref(f->fut);
        f->fut = tw_future_new(loop);
        tw_future_cancel(f->fut, NULL);
        e = tw_future_result(f->fut, NULL);
        printf("cancel() without msg: CancelledError msg=%s\n", msg_of(e));
        tw_unref(e);
        tw_unref(f->fut);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
