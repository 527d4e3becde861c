#line 1319 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct getter { tw_coro co; const char *name; tw_queue *q; };

static tw_step getter_body(tw_coro *co)
{
    struct getter *f = (struct getter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_queue_get(f->q));
    printf("%s got %s\n", f->name, TW_RESULT(co).s);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_queue *q; void *tasks[3]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "getter0", "getter1", "getter2" }, *items[] = { "x", "y", "z" };
    TW_BEGIN(co);
    f->q = tw_queue_new(0);
    for (int i = 0; i < 3; i++) {
        struct getter *g = tw_coro_new(getter_body, sizeof *g);
        g->name = names[i];
        g->q = f->q;
        f->tasks[i] = tw_create_task(&g->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));          /* all three are now waiting, in creation order */
    for (int i = 0; i < 3; i++)
        tw_queue_put_nowait(f->q, TW_STR(items[i]));
    TW_AWAIT(co, tw_gather(3, f->tasks, false));
    printf("qsize: %zu\n", tw_queue_qsize(f->q));
    tw_unref(f->q);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
