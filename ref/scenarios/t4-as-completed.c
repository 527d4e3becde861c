#line 1460 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct wait_gate { tw_coro co; tw_future *gate; const char *tag; };

static tw_step wait_gate_body(tw_coro *co)
{
    struct wait_gate *f = (struct wait_gate *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, f->gate);
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

static tw_future *gates[3];             /* A B C */

static tw_error *open_gates(void *arg)
{
    static const int order[] = { 2, 0, 1 };     /* C, A, B */
    (void)arg;
    for (int i = 0; i < 3; i++)
        tw_future_set_result(gates[order[i]], TW_NONE);
    return NULL;
}

struct main_frame { tw_coro co; tw_as_completed *ac; size_t i; const char *order[3]; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->ac)
        tw_unref(f->ac);
    for (int i = 0; i < 3; i++)
        tw_unref(gates[i]);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *tags[] = { "A", "B", "C" };
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        void *aws[3];
        for (int i = 0; i < 3; i++) {
            struct wait_gate *w = tw_coro_new(wait_gate_body, sizeof *w);
            gates[i] = tw_future_new(loop);
            w->gate = tw_ref(gates[i]);
            w->tag = tags[i];
            aws[i] = tw_create_task(&w->co, NULL);
        }
        tw_call_soon(loop, open_gates, NULL, NULL);
        f->ac = tw_as_completed_new(3, aws, TW_FOREVER);
    }
    for (f->i = 0; f->i < tw_as_completed_count(f->ac); f->i++) {
        TW_AWAIT(co, tw_as_completed_next(f->ac));
        f->order[f->i] = TW_RESULT(co).s;
    }
    printf("as_completed order: %s, %s, %s\n", f->order[0], f->order[1], f->order[2]);
    tw_unref(f->ac);
    {
        void *sleeper = tw_sleep(10);
        f->ac = tw_as_completed_new(1, &sleeper, 0.05);
    }
    for (f->i = 0; f->i < tw_as_completed_count(f->ac); f->i++) {
        TW_AWAIT_TRY(co, tw_as_completed_next(f->ac));
        if (tw_error_is(TW_ERROR(co), TW_ERR_TIMEOUT)) {
            printf("as_completed with timeout: TimeoutError\n");
            break;
        }
        if (TW_ERROR(co))
            TW_RERAISE(co);
    }
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
