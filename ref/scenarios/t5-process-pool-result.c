#line 545 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

static tw_error *sum_of_squares(void *arg, tw_value *result)
{
    intptr_t n = (intptr_t)arg, total = 0;
    for (intptr_t i = 0; i < n; i++)
        total += i * i;
    *result = TW_INT(total);
    return NULL;
}

static tw_error *checked_root(void *arg, tw_value *result)
{
    intptr_t n = (intptr_t)arg, r = 0;
    if (n < 0)
        return tw_error_new(TW_ERR_VALUE, "negative input");
    while ((r + 1) * (r + 1) <= n)
        r++;
    *result = TW_INT(r);
    return NULL;
}

static tw_error *pid(void *arg, tw_value *result)
{
    (void)arg;
    *result = TW_INT(getpid());
    return NULL;
}

struct main_frame { tw_coro co; tw_executor *pool; tw_future *futs[3]; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    for (int i = 0; i < 3; i++)
        tw_unref(f->futs[i]);
    tw_executor_free(f->pool);
}

static tw_error *run(struct main_frame *f, tw_work_fn fn, intptr_t arg, tw_future **fut)
{
    return tw_run_in_executor(tw_get_running_loop(), f->pool, fn, (void *)arg, fut);
}

static tw_future *sums(struct main_frame *f, tw_error **err)
{
    static const intptr_t ns[] = { 10, 100, 1000 };
    tw_future *g;
    for (int i = 0; i < 3; i++)
        if ((*err = run(f, sum_of_squares, ns[i], &f->futs[i])) != NULL)
            return NULL;
    g = tw_gather(3, (void *const *)f->futs, false);
    for (int i = 0; i < 3; i++)
        f->futs[i] = NULL;
    return g;
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_process_pool_new(2, &f->pool)) != NULL || (fut = sums(f, &err)) == NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    {
        const tw_gathered *g = TW_RESULT(co).p;
        printf("results: %ld %ld %ld\n", (long)g->values[0].i, (long)g->values[1].i,
               (long)g->values[2].i);
    }
    if ((err = run(f, checked_root, 144, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    printf("root: %ld\n", (long)TW_RESULT(co).i);
    if ((err = run(f, checked_root, -1, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, fut);
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RERAISE(co);
    printf("raised: %s %s\n", tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
    TW_CLEAR(co);
    if ((err = run(f, pid, 0, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    printf("ran in another process: %s\n", tw_bool_str(TW_RESULT(co).i != getpid()));
    tw_executor_free(f->pool);
    f->pool = NULL;
    printf("pool shut down\n");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
