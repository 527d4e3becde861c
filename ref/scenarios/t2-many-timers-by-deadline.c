#line 227 "chapters/tier2-examples.nw"
#include <stdint.h>
#include <stdio.h>
#include "tower.h"

enum { N = 3000 };

static int fired[N];
static size_t nfired;

static tw_error *fire(void *rank)
{
    fired[nfired++] = (int)(intptr_t)rank;
    return NULL;
}

static tw_error *finish(void *done)
{
    return tw_future_set_result(done, TW_NONE);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_future *done;
    double base;
    bool sorted = true;
    TW_BEGIN(co);
    done = tw_future_new(loop);
    base = tw_loop_time(loop);
    for (int i = 0; i < N; i++) {
        int rank = (int)(((long)i * 7919) % N);
        tw_unref(tw_call_at(loop, base - 1 + rank * 0.0001, fire, (void *)(intptr_t)rank, NULL));
    }
    tw_unref(tw_call_at(loop, base + 0.01, finish, done, NULL));
    TW_AWAIT(co, done);
    printf("%zu timers fired\n", nfired);
    for (size_t i = 1; i < nfired; i++)
        sorted = sorted && fired[i - 1] < fired[i];
    printf("in deadline order: %s\n", tw_bool_str(sorted));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
