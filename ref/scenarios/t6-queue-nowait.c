#line 1547 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

static bool fails_with(tw_error *err, tw_errkind kind)
{
    bool is = tw_error_is(err, kind);
    tw_unref(err);
    return is;
}

static tw_step main_body(tw_coro *co)
{
    tw_queue *q, *lifo, *prio;
    tw_value v;
    TW_BEGIN(co);
    q = tw_queue_new(1);
    if (fails_with(tw_queue_get_nowait(q, &v), TW_ERR_QUEUE_EMPTY))
        printf("get_nowait on empty queue: QueueEmpty\n");
    tw_queue_put_nowait(q, TW_STR("kept"));
    if (fails_with(tw_queue_put_nowait(q, TW_STR("rejected")), TW_ERR_QUEUE_FULL))
        printf("put_nowait on full queue: QueueFull\n");
    printf("qsize: %zu", tw_queue_qsize(q));
    tw_queue_get_nowait(q, &v);
    printf(" item: %s\n", v.s);
    printf("empty again: %s\n", tw_bool_str(tw_queue_empty(q)));
    lifo = tw_lifo_queue_new(1);
    tw_queue_put_nowait(lifo, TW_INT(1));
    if (fails_with(tw_queue_put_nowait(lifo, TW_INT(2)), TW_ERR_QUEUE_FULL))
        printf("LifoQueue put_nowait when full: QueueFull\n");
    prio = tw_priority_queue_new(0, NULL, NULL);
    if (fails_with(tw_queue_get_nowait(prio, &v), TW_ERR_QUEUE_EMPTY))
        printf("PriorityQueue get_nowait when empty: QueueEmpty\n");
    tw_unref(q);
    tw_unref(lifo);
    tw_unref(prio);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
