#line 1604 "chapters/tier6-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct entry { int priority; const char *name; };

static bool entry_less(tw_value a, tw_value b, void *arg)
{
    const struct entry *x = a.p, *y = b.p;
    (void)arg;
    if (x->priority != y->priority)
        return x->priority < y->priority;
    return strcmp(x->name, y->name) < 0;
}

static const struct entry entries[] = { { 3, "low" }, { 1, "urgent" }, { 4, "idle" }, { 2, "normal" } };

struct main_frame { tw_coro co; tw_queue *pq, *lq; const char *got[3]; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *items[] = { "a", "b", "c" };
    TW_BEGIN(co);
    f->pq = tw_priority_queue_new(0, entry_less, NULL);
    for (f->i = 0; f->i < 4; f->i++)
        TW_AWAIT(co, tw_queue_put(f->pq, TW_PTR(&entries[f->i])));
    printf("priority order: ");
    for (f->i = 0; !tw_queue_empty(f->pq); f->i++) {
        TW_AWAIT(co, tw_queue_get(f->pq));
        {
            const struct entry *e = TW_RESULT(co).p;
            printf("%s%d:%s", f->i ? ", " : "", e->priority, e->name);
        }
    }
    printf("\n");

    f->lq = tw_lifo_queue_new(0);
    for (f->i = 0; f->i < 3; f->i++)
        TW_AWAIT(co, tw_queue_put(f->lq, TW_STR(items[f->i])));
    for (f->i = 0; f->i < 3; f->i++) {
        TW_AWAIT(co, tw_queue_get(f->lq));
        f->got[f->i] = TW_RESULT(co).s;
    }
    printf("lifo order: %s %s %s\n", f->got[0], f->got[1], f->got[2]);
    tw_unref(f->pq);
    tw_unref(f->lq);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
