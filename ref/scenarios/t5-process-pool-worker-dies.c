#line 659 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

static tw_error *die(void *arg, tw_value *result)
{
    (void)arg;
    (void)result;
    _exit(3);                           /* the worker vanishes without answering */
}

static tw_error *twice(void *arg, tw_value *result)
{
    *result = TW_INT(2 * (intptr_t)arg);
    return NULL;
}

struct main_frame { tw_coro co; tw_executor *pool; };

static void main_cleanup(tw_coro *co)
{
    tw_executor_free(((struct main_frame *)co)->pool);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_process_pool_new(1, &f->pool)) != NULL
        || (err = tw_run_in_executor(loop, f->pool, twice, (void *)21, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    printf("before: %ld\n", (long)TW_RESULT(co).i);
    if ((err = tw_run_in_executor(loop, f->pool, die, NULL, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_wait_for(fut, 10));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_BROKEN_PROCESS_POOL))
        TW_RERAISE(co);
    printf("worker died: %s\n", tw_error_type(TW_ERROR(co)));
    TW_CLEAR(co);
    err = tw_run_in_executor(loop, f->pool, twice, (void *)1, &fut);
    if (!tw_error_is(err, TW_ERR_BROKEN_PROCESS_POOL)) {
        tw_unref(fut);
        TW_RAISE(co, err ? err : tw_error_new(TW_ERR_RUNTIME, "the broken pool took work"));
    }
    printf("pool refuses new work: %s\n", tw_error_type(err));
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
