#line 548 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

/* the scenario's join(): the values separated by commas, or (none) */
static void join(const tw_gathered *g)
{
    for (size_t i = 0; i < g->n; i++)
        printf("%s%s", i ? ", " : "", g->values[i].s);
    printf("%s\n", g->n ? "" : "(none)");
}

struct gate_waiter { tw_coro co; tw_future *gate; const char *tag, *lower; };

static tw_step gate_body(tw_coro *co)
{
    struct gate_waiter *f = (struct gate_waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, f->gate);
    printf("%s finished\n", f->tag);
    TW_RETURN(co, TW_STR(f->lower));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_future *gates[3]; tw_future *pending; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *tags[] = { "A", "B", "C" }, *lower[] = { "a", "b", "c" };
    static const int order[] = { 2, 0, 1 };     /* C, A, B */
    TW_BEGIN(co);
    {
        void *aws[3];
        for (int i = 0; i < 3; i++) {
            struct gate_waiter *w = tw_coro_new(gate_body, sizeof *w);
            f->gates[i] = tw_future_new(tw_get_running_loop());
            w->gate = tw_ref(f->gates[i]);
            w->tag = tags[i];
            w->lower = lower[i];
            aws[i] = w;
        }
        f->pending = tw_gather(3, aws, false);
    }
    TW_AWAIT(co, tw_sleep(0));
    for (f->i = 0; f->i < 3; f->i++) {
        tw_future_set_result(f->gates[order[f->i]], TW_NONE);
        TW_AWAIT(co, tw_sleep(0));
    }
    TW_AWAIT(co, f->pending);
    {
        const tw_gathered *g = TW_RESULT(co).p;
        printf("gather -> ");
        join(g);
    }
    for (int i = 0; i < 3; i++)
        tw_unref(f->gates[i]);
    TW_AWAIT(co, tw_gather(0, NULL, false));
    printf("gather() of nothing -> ");
    join(TW_RESULT(co).p);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
