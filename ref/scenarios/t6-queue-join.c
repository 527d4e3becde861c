#line 1374 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; tw_queue *q; intptr_t item; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    for (;;) {
        TW_AWAIT(co, tw_queue_get(f->q));
        f->item = TW_RESULT(co).i;
        printf("processing %ld\n", (long)f->item);
        TW_AWAIT(co, tw_sleep(0));
        printf("finished %ld\n", (long)f->item);
        tw_queue_task_done(f->q);
    }
    TW_END(co);
}

struct joiner { tw_coro co; tw_queue *q; };

static tw_step joiner_body(tw_coro *co)
{
    struct joiner *f = (struct joiner *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_queue_join(f->q));
    printf("join returned, qsize %zu\n", tw_queue_qsize(f->q));
    TW_END(co);
}

static tw_task *joiner(tw_queue *q)
{
    struct joiner *j = tw_coro_new(joiner_body, sizeof *j);
    j->q = q;
    return tw_create_task(&j->co, NULL);
}

struct main_frame { tw_coro co; tw_queue *q; tw_task *j, *w; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct worker *w;
    tw_value v;
    tw_error *err;
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    TW_AWAIT(co, tw_queue_join(f->q));
    printf("join on a fresh queue returns at once\n");
    for (int i = 0; i < 3; i++)
        tw_queue_put_nowait(f->q, TW_INT(i));
    f->j = joiner(f->q);
    w = tw_coro_new(worker_body, sizeof *w);
    w->q = f->q;
    f->w = tw_create_task(&w->co, NULL);
    TW_AWAIT(co, f->j);
    tw_task_cancel(f->w, NULL);
    TW_AWAIT_TRY(co, f->w);
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("worker cancelled\n");
    TW_CLEAR(co);
    /* A get alone does not count as done: join waits for task_done(). */
    tw_queue_put_nowait(f->q, TW_STR("x"));
    tw_queue_get_nowait(f->q, &v);
    f->j = joiner(f->q);
    for (f->i = 0; f->i < 3; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    printf("join done before task_done: %s\n",
           tw_bool_str(tw_future_done(tw_task_future(f->j))));
    tw_queue_task_done(f->q);
    TW_AWAIT(co, f->j);
    err = tw_queue_task_done(f->q);
    if (tw_error_is(err, TW_ERR_VALUE))
        printf("extra task_done: ValueError\n");
    tw_unref(err);
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
