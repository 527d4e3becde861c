#line 1199 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

#define UNIT 0.1

static tw_error *complete(void *fut)
{
    tw_unref(tw_future_set_result(fut, TW_NONE));
    return NULL;
}

struct until { tw_coro co; double when; tw_future *done; tw_handle *timer; };

static void until_cleanup(tw_coro *co)
{
    struct until *f = (struct until *)co;
    if (f->timer) {
        tw_handle_cancel(f->timer);
        tw_handle_release(f->timer);
    }
    tw_unref(f->done);
}

static tw_step until_body(tw_coro *co)
{
    struct until *f = (struct until *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->done = tw_future_new(loop);
    tw_call_at(loop, f->when, complete, f->done, &f->timer);
    TW_AWAIT(co, tw_ref(f->done));
    TW_END(co);
}

static tw_coro *until(double start, double units)
{
    struct until *f = tw_coro_new(until_body, sizeof *f);
    f->when = start + units * UNIT;
    f->co.cleanup = until_cleanup;
    return &f->co;
}

/* The items outlive the producer's frame: the consumer reads the last ones
   after the producer has finished. */
static char items[5][20];

struct worker { tw_coro co; tw_queue *q; double start, t; int i; };

static tw_step producer_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 5; f->i++) {
        snprintf(items[f->i], sizeof items[f->i], "item_%d", f->i);
        TW_AWAIT(co, tw_queue_put(f->q, TW_STR(items[f->i])));
        printf("✅ Produced %s\n", items[f->i]);
        TW_AWAIT(co, until(f->start, f->i + 1));   /* production takes one unit */
    }
    TW_AWAIT(co, tw_queue_put(f->q, TW_NONE));     /* sentinel to indicate completion */
    TW_END(co);
}

static tw_step consumer_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    f->t = 0.5;                                     /* half a unit after the producer */
    TW_AWAIT(co, until(f->start, f->t));
    for (;;) {
        TW_AWAIT(co, tw_queue_get(f->q));
        if (TW_RESULT(co).s == NULL)
            break;
        printf("🔄 Consumed %s\n", TW_RESULT(co).s);
        f->t += 2;
        TW_AWAIT(co, until(f->start, f->t));       /* consumption takes two units */
    }
    TW_END(co);
}

static tw_coro *worker(tw_coro_fn body, tw_queue *q, double start)
{
    struct worker *f = tw_coro_new(body, sizeof *f);
    f->q = q;
    f->start = start;
    return &f->co;
}

struct main_frame { tw_coro co; tw_queue *q; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    double start = tw_loop_time(tw_get_running_loop());
    void *aws[2];
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    aws[0] = worker(producer_body, f->q, start);
    aws[1] = worker(consumer_body, f->q, start);
    TW_AWAIT(co, tw_gather(2, aws, false));
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
