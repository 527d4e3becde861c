#line 119 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct party { tw_coro co; const char *name; tw_barrier *barrier; };

static tw_step party_body(tw_coro *co)
{
    struct party *f = (struct party *)co;
    TW_BEGIN(co);
    printf("%s arrives, n_waiting %zu\n", f->name, tw_barrier_n_waiting(f->barrier));
    TW_AWAIT(co, tw_barrier_wait(f->barrier));
    printf("%s passes with index %ld\n", f->name, (long)TW_RESULT(co).i);
    TW_END(co);
}

struct main_frame { tw_coro co; tw_barrier *barrier; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "A", "B", "C", "D" };
    void *aws[4];
    TW_BEGIN(co);
    tw_unref(tw_barrier_new(2, &f->barrier));
    for (int i = 0; i < 4; i++) {
        struct party *p = tw_coro_new(party_body, sizeof *p);
        p->name = names[i];
        p->barrier = f->barrier;
        aws[i] = tw_create_task(&p->co, NULL);
    }
    TW_AWAIT(co, tw_gather(4, aws, false));
    printf("n_waiting at the end: %zu broken: %s\n", tw_barrier_n_waiting(f->barrier),
           tw_bool_str(tw_barrier_broken(f->barrier)));
    tw_unref(f->barrier);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
