#line 1672 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct putter { tw_coro co; const char *name; tw_queue *q; };

static tw_step putter_body(tw_coro *co)
{
    struct putter *f = (struct putter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_queue_put(f->q, TW_STR(f->name)));
    printf("%s put\n", f->name);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_queue *q; void *tasks[3]; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "putter0", "putter1", "putter2" };
    TW_BEGIN(co);
    f->q = tw_queue_new(1);
    tw_queue_put_nowait(f->q, TW_STR("initial"));
    for (int i = 0; i < 3; i++) {
        struct putter *p = tw_coro_new(putter_body, sizeof *p);
        p->name = names[i];
        p->q = f->q;
        f->tasks[i] = tw_create_task(&p->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));          /* all three are now blocked, in creation order */
    for (f->i = 0; f->i < 4; f->i++) {
        TW_AWAIT(co, tw_queue_get(f->q));
        printf("got %s\n", TW_RESULT(co).s);
    }
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
