#line 17 "chapters/tier6-seed.nw"
#include <stdio.h>
#include "tower.h"

/* The items outlive the producer's frame: the consumer reads the last ones
   after the producer has finished. */
static char items[5][20];

struct worker { tw_coro co; tw_queue *q; int i; };

static tw_step producer_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 5; f->i++) {
        snprintf(items[f->i], sizeof items[f->i], "item_%d", f->i);
        TW_AWAIT(co, tw_queue_put(f->q, TW_STR(items[f->i])));
        printf("✅ Produced %s\n", items[f->i]);
        TW_AWAIT(co, tw_sleep(1));      /* simulate production time */
    }
    TW_AWAIT(co, tw_queue_put(f->q, TW_NONE));     /* sentinel to indicate completion */
    TW_END(co);
}

static tw_step consumer_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    for (;;) {
        TW_AWAIT(co, tw_queue_get(f->q));
        if (TW_RESULT(co).s == NULL)
            break;
        printf("🔄 Consumed %s\n", TW_RESULT(co).s);
        TW_AWAIT(co, tw_sleep(2));      /* simulate consumption time */
    }
    TW_END(co);
}

struct main_frame { tw_coro co; tw_queue *q; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct worker *p, *c;
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    p = tw_coro_new(producer_body, sizeof *p);
    c = tw_coro_new(consumer_body, sizeof *c);
    p->q = c->q = f->q;
    TW_AWAIT(co, tw_gather(2, (void *[]){ p, c }, false));
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
