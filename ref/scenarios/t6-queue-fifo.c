#line 1138 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_queue *q; const char *got[3]; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *items[] = { "first", "second", "third" };
    bool in_order = true;
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    printf("maxsize: %ld qsize: %zu empty: %s full: %s\n", tw_queue_maxsize(f->q),
           tw_queue_qsize(f->q),
           tw_bool_str(tw_queue_empty(f->q)), tw_bool_str(tw_queue_full(f->q)));
    for (f->i = 0; f->i < 3; f->i++)
        TW_AWAIT(co, tw_queue_put(f->q, TW_STR(items[f->i])));
    printf("after 3 puts: qsize: %zu empty: %s\n",
           tw_queue_qsize(f->q), tw_bool_str(tw_queue_empty(f->q)));
    for (f->i = 0; f->i < 3; f->i++) {
        TW_AWAIT(co, tw_queue_get(f->q));
        f->got[f->i] = TW_RESULT(co).s;
    }
    printf("got: %s %s %s\n", f->got[0], f->got[1], f->got[2]);
    printf("after 3 gets: qsize: %zu empty: %s\n",
           tw_queue_qsize(f->q), tw_bool_str(tw_queue_empty(f->q)));
    for (int i = 0; i < 1000; i++)
        tw_queue_put_nowait(f->q, TW_INT(i));
    printf("unbounded queue with 1000 items: full: %s qsize: %zu\n",
           tw_bool_str(tw_queue_full(f->q)),
           tw_queue_qsize(f->q));
    for (int i = 0; i < 1000; i++) {
        tw_value v;
        tw_error *err = tw_queue_get_nowait(f->q, &v);
        in_order = in_order && err == NULL && v.i == i;
    }
    printf("in order: %s\n", tw_bool_str(in_order));
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
