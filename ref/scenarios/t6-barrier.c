#line 225 "chapters/tier6-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct results { size_t n; const char *names[3]; long positions[3]; };

struct party { tw_coro co; const char *name; tw_barrier *barrier; struct results *results; };

static tw_step party_body(tw_coro *co)
{
    struct party *f = (struct party *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_barrier_wait(f->barrier));
    f->results->names[f->results->n] = f->name;
    f->results->positions[f->results->n++] = (long)TW_RESULT(co).i;
    TW_END(co);
}

static tw_coro *party(const char *name, tw_barrier *barrier, struct results *results)
{
    struct party *f = tw_coro_new(party_body, sizeof *f);
    f->name = name;
    f->barrier = barrier;
    f->results = results;
    return &f->co;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_number(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

struct main_frame {
    tw_coro co;
    tw_barrier *barrier;
    struct results results;
    void *tasks[2];
    int round, i;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "p0", "p1" };
    TW_BEGIN(co);
    tw_unref(tw_barrier_new(3, &f->barrier));
    printf("parties: %zu n_waiting: %zu broken: %s\n", tw_barrier_parties(f->barrier),
           tw_barrier_n_waiting(f->barrier),
           tw_bool_str(tw_barrier_broken(f->barrier)));
    for (f->round = 1; f->round <= 2; f->round++) {
        f->results.n = 0;
        for (int i = 0; i < 2; i++)
            f->tasks[i] = tw_create_task(party(names[i], f->barrier, &f->results), NULL);
        for (f->i = 0; f->i < 3; f->i++)
            TW_AWAIT(co, tw_sleep(0));
        printf("round %d n_waiting: %zu passed so far: %zu\n", f->round,
               tw_barrier_n_waiting(f->barrier), f->results.n);
        TW_AWAIT(co, party("p2", f->barrier, &f->results));
        TW_AWAIT(co, tw_gather(2, f->tasks, false));
        qsort(f->results.names, f->results.n, sizeof f->results.names[0], by_name);
        qsort(f->results.positions, f->results.n, sizeof f->results.positions[0], by_number);
        printf("round %d passed: %s %s %s\n", f->round,
               f->results.names[0], f->results.names[1], f->results.names[2]);
        printf("round %d positions: %ld %ld %ld\n", f->round,
               f->results.positions[0], f->results.positions[1], f->results.positions[2]);
    }
    printf("n_waiting after reuse: %zu broken: %s\n", tw_barrier_n_waiting(f->barrier),
           tw_bool_str(tw_barrier_broken(f->barrier)));
    tw_unref(f->barrier);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
