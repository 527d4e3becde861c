#line 133 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *fail(void *message, tw_value *result)
{
    (void)result;
    return tw_error_new(TW_ERR_VALUE, "%s", (const char *)message);
}

struct pow_args { long base, exp; };

static tw_error *power(void *arg, tw_value *result)
{
    const struct pow_args *a = arg;
    long r = 1;
    for (long i = 0; i < a->exp; i++)
        r *= a->base;
    *result = TW_INT(r);
    return NULL;
}

struct main_frame { tw_coro co; tw_executor *pool; tw_future *fut; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->fut);
    tw_executor_free(f->pool);
}

static tw_step main_body(tw_coro *co)
{
    static struct pow_args two_to_ten = { 2, 10 };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_future *fut;
    tw_error *err, *exc;
    TW_BEGIN(co);
    if ((err = tw_thread_pool_new(1, &f->pool)) != NULL
        || (err = tw_run_in_executor(loop, f->pool, fail, "bad input", &f->fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_ref(f->fut));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        printf("await raised: %s %s\n", tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
    TW_CLEAR(co);
    printf("future done: %s\n", tw_bool_str(tw_future_done(f->fut)));
    if ((err = tw_future_exception(f->fut, &exc)) != NULL)
        TW_RAISE(co, err);
    printf("future exception: %s %s\n", tw_error_type(exc), tw_error_str(exc));
    tw_unref(exc);
    if ((err = tw_run_in_executor(loop, f->pool, power, &two_to_ten, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    printf("next call: %ld\n", (long)TW_RESULT(co).i);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
