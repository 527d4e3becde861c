#line 23 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct party { tw_coro co; const char *name; tw_barrier *barrier; };

static tw_step party_body(tw_coro *co)
{
    struct party *f = (struct party *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_barrier_wait(f->barrier));
    if (TW_ERROR(co) == NULL)
        printf("%s passed\n", f->name);
    else if (tw_error_is(TW_ERROR(co), TW_ERR_BROKEN_BARRIER))
        printf("%s BrokenBarrierError\n", f->name);
    else
        TW_RERAISE(co);
    TW_END(co);
}

static tw_coro *party(const char *name, tw_barrier *barrier)
{
    struct party *f = tw_coro_new(party_body, sizeof *f);
    f->name = name;
    f->barrier = barrier;
    return &f->co;
}

struct main_frame { tw_coro co; tw_barrier *barrier; tw_task *task; void *tasks[2]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *first[] = { "p0", "p1" }, *second[] = { "r0", "r1" };
    TW_BEGIN(co);
    tw_unref(tw_barrier_new(3, &f->barrier));
    for (int i = 0; i < 2; i++)
        f->tasks[i] = tw_create_task(party(first[i], f->barrier), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("n_waiting: %zu\n", tw_barrier_n_waiting(f->barrier));
    TW_AWAIT(co, tw_barrier_abort(f->barrier));
    TW_AWAIT(co, tw_gather(2, f->tasks, false));
    printf("broken: %s\n", tw_bool_str(tw_barrier_broken(f->barrier)));
    TW_AWAIT(co, party("late", f->barrier));
    {
        tw_error *probe = tw_error_new(TW_ERR_BROKEN_BARRIER, NULL);
        printf("BrokenBarrierError is a RuntimeError: %s\n",
               tw_bool_str(tw_error_is(probe, TW_ERR_RUNTIME)));
        tw_unref(probe);
    }

    TW_AWAIT(co, tw_barrier_reset(f->barrier));
    printf("after reset: broken: %s n_waiting: %zu\n",
           tw_bool_str(tw_barrier_broken(f->barrier)),
           tw_barrier_n_waiting(f->barrier));
    for (int i = 0; i < 2; i++)
        f->tasks[i] = tw_create_task(party(second[i], f->barrier), NULL);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_barrier_reset(f->barrier));  /* waiting parties get BrokenBarrierError */
    TW_AWAIT(co, tw_gather(2, f->tasks, false));
    printf("after second reset: broken: %s\n",
           tw_bool_str(tw_barrier_broken(f->barrier)));

    /* A waiting party that is cancelled leaves the barrier. */
    f->task = tw_create_task(party("c0", f->barrier), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("n_waiting: %zu\n", tw_barrier_n_waiting(f->barrier));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("c0 cancelled\n");
    TW_CLEAR(co);
    printf("n_waiting after cancel: %zu broken: %s\n", tw_barrier_n_waiting(f->barrier),
           tw_bool_str(tw_barrier_broken(f->barrier)));
    tw_unref(f->barrier);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
