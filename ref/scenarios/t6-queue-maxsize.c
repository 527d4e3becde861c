#line 1471 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct producer { tw_coro co; tw_queue *q; int i; };

static tw_step producer_body(tw_coro *co)
{
    struct producer *f = (struct producer *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 4; f->i++) {
        TW_AWAIT(co, tw_queue_put(f->q, TW_INT(f->i)));
        printf("put %d qsize %zu\n", f->i, tw_queue_qsize(f->q));
    }
    printf("producer finished\n");
    TW_END(co);
}

struct settle { tw_coro co; int i; };

static tw_step settle_body(tw_coro *co)
{
    struct settle *f = (struct settle *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 5; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static tw_coro *settle(void) { return tw_coro_new(settle_body, sizeof(struct settle)); }

struct main_frame { tw_coro co; tw_queue *q; tw_task *task; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct producer *p;
    TW_BEGIN(co);
    f->q = tw_queue_new(2);
    p = tw_coro_new(producer_body, sizeof *p);
    p->q = f->q;
    f->task = tw_create_task(&p->co, NULL);
    TW_AWAIT(co, settle());
    printf("blocked: full: %s qsize: %zu producer done: %s\n",
           tw_bool_str(tw_queue_full(f->q)),
           tw_queue_qsize(f->q), tw_bool_str(tw_future_done(tw_task_future(f->task))));
    for (f->i = 0; f->i < 4; f->i++) {
        TW_AWAIT(co, tw_queue_get(f->q));
        printf("get %ld\n", (long)TW_RESULT(co).i);
        TW_AWAIT(co, settle());
    }
    printf("producer done: %s qsize: %zu\n",
           tw_bool_str(tw_future_done(tw_task_future(f->task))),
           tw_queue_qsize(f->q));
    tw_unref(f->task);
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
