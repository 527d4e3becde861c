#line 958 "chapters/measuring.nw"
/* queue -- producer/consumer throughput through a bounded queue */
#include "bench.h"

enum { ITEMS = 2000000, MAXSIZE = 100 };

struct end { tw_coro co; tw_queue *q; intptr_t i, sum; };

static tw_step producer_body(tw_coro *co)
{
    struct end *f = (struct end *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < ITEMS; f->i++)
        TW_AWAIT(co, tw_queue_put(f->q, TW_INT(f->i)));
    TW_END(co);
}

static tw_step consumer_body(tw_coro *co)
{
    struct end *f = (struct end *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < ITEMS; f->i++) {
        TW_AWAIT(co, tw_queue_get(f->q));
        f->sum += TW_RESULT(co).i;
    }
    TW_RETURN(co, TW_INT(f->sum));
    TW_END(co);
}

static tw_coro *end(tw_coro_fn body, tw_queue *q)
{
    struct end *f = tw_coro_new(body, sizeof *f);
    f->q = q;
    return &f->co;
}

struct main_frame { tw_coro co; tw_queue *q; double start; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    const tw_gathered *g;
    TW_BEGIN(co);
    f->q = tw_queue_new(MAXSIZE);
    f->start = now_seconds();
    TW_AWAIT(co, tw_gather(2, (void *[]){ end(producer_body, f->q), end(consumer_body, f->q) }, false));
    g = TW_RESULT(co).p;
    if (g->values[1].i != (intptr_t)ITEMS * (ITEMS - 1) / 2)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "items were lost"));
    printf("queue %.1f items/s\n", ITEMS / (now_seconds() - f->start));
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run_clock(tw_coro_new(main_body, sizeof(struct main_frame)),
                                           TW_CLOCK_REAL, NULL));
}
