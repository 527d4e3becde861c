#line 793 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <time.h>
#include "tower.h"

static tw_error *job(void *arg, tw_value *result)
{
    struct timespec d = { 0, 50000000 };
    nanosleep(&d, NULL);
    *result = TW_INT((intptr_t)arg + 1);
    return NULL;
}

struct main_frame { tw_coro co; tw_future *fut; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->fut);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_run_in_executor(loop, NULL, job, (void *)1, &f->fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_loop_shutdown_default_executor(loop));
    printf("pending job finished before shutdown returned: %s\n",
           tw_bool_str(tw_future_done(f->fut)));
    fut = f->fut;
    f->fut = NULL;
    TW_AWAIT(co, fut);
    printf("its result: %ld\n", (long)TW_RESULT(co).i);
    err = tw_run_in_executor(loop, NULL, job, (void *)2, &fut);
    if (!tw_error_is(err, TW_ERR_RUNTIME)) {
        tw_unref(fut);
        TW_RAISE(co, err ? err : tw_error_new(TW_ERR_RUNTIME, "the default executor took work"));
    }
    printf("run_in_executor after shutdown: %s\n", tw_error_type(err));
    tw_unref(err);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
