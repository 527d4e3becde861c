#line 2143 "chapters/tier2-examples.nw"
#include <stdint.h>
#include <stdio.h>
#include "tower.h"

enum { N = 1000 };

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
    tw_handle *handles[N];
    double base;
    bool sorted = true, none_cancelled = true;
    TW_BEGIN(co);
    done = tw_future_new(loop);
    base = tw_loop_time(loop);
    for (int i = 0; i < N; i++) {
        int rank = (int)(((long)i * 7919) % N);
        tw_unref(tw_call_at(loop, base + 0.01 + rank * 0.00001, fire, (void *)(intptr_t)rank,
                            &handles[rank]));
    }
    for (int rank = 0; rank < N; rank++) {
        if (rank % 10 < 7)                  /* most of them: the loop purges its heap */
            tw_handle_cancel(handles[rank]);
        tw_handle_release(handles[rank]);
    }
    tw_unref(tw_call_at(loop, base + 0.05, finish, done, NULL));
    TW_AWAIT(co, done);
    for (size_t i = 0; i < nfired; i++) {
        none_cancelled = none_cancelled && fired[i] % 10 >= 7;
        sorted = sorted && (i == 0 || fired[i - 1] < fired[i]);
    }
    printf("%zu timers fired, none of them cancelled: %s\n", nfired, tw_bool_str(none_cancelled));
    printf("in deadline order: %s\n", tw_bool_str(sorted));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
