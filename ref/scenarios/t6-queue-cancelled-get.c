#line 1062 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct getter { tw_coro co; const char *name; tw_queue *q; };

static tw_step getter_body(tw_coro *co)
{
    struct getter *f = (struct getter *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_queue_get(f->q));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("%s cancelled\n", f->name);
        TW_RERAISE(co);
    }
    if (TW_ERROR(co))
        TW_RERAISE(co);
    printf("%s got %s\n", f->name, TW_RESULT(co).s);
    TW_END(co);
}

static tw_task *getter(const char *name, tw_queue *q)
{
    struct getter *g = tw_coro_new(getter_body, sizeof *g);
    g->name = name;
    g->q = q;
    return tw_create_task(&g->co, NULL);
}

struct main_frame { tw_coro co; tw_queue *q; void *tasks[2]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->q = tw_queue_new(0);

    /* Case 1: the first getter is cancelled while it waits. */
    f->tasks[0] = getter("A", f->q);
    f->tasks[1] = getter("B", f->q);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->tasks[0], NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_queue_put_nowait(f->q, TW_STR("item1"));
    TW_AWAIT(co, tw_gather(2, f->tasks, true));
    printf("qsize: %zu\n", tw_queue_qsize(f->q));

    /* Case 2: an item arrives and wakes the first getter, which is then
       cancelled before it runs: the item passes to the next getter. */
    f->tasks[0] = getter("C", f->q);
    f->tasks[1] = getter("D", f->q);
    TW_AWAIT(co, tw_sleep(0));
    tw_queue_put_nowait(f->q, TW_STR("item2"));
    tw_task_cancel(f->tasks[0], NULL);
    TW_AWAIT(co, tw_gather(2, f->tasks, true));
    printf("qsize: %zu\n", tw_queue_qsize(f->q));
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
