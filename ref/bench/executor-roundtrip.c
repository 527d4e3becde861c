#line 830 "chapters/measuring.nw"
#include "bench.h"
#define ROUNDS 100000

static tw_error *nothing(void *arg, tw_value *result)
{
    (void)arg;
    *result = TW_NONE;
    return NULL;
}

struct roundtrip_frame { tw_coro co; int i; double start; };

static tw_step roundtrips(tw_coro *co)
{
    struct roundtrip_frame *f = (struct roundtrip_frame *)co;
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    for (f->i = -1; f->i < ROUNDS; f->i++) {
        if (f->i == 0)
            f->start = now_seconds();
        if ((err = tw_run_in_executor(tw_get_running_loop(), NULL, nothing, NULL, &fut)) != NULL)
            TW_RAISE(co, err);
        TW_AWAIT(co, fut);
    }
    printf("executor-roundtrip %.1f round-trips/s\n", ROUNDS / (now_seconds() - f->start));
    TW_END(co);
}

int main(void)
{
    run_benchmark(roundtrips, sizeof(struct roundtrip_frame));
    return 0;
}
