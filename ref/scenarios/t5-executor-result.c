#line 374 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

struct add_args { long a, b; };

static tw_error *add(void *arg, tw_value *result)
{
    const struct add_args *x = arg;
    *result = TW_INT(x->a + x->b);
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
    static struct add_args two_and_forty = { 2, 40 };
    struct main_frame *f = (struct main_frame *)co;
    tw_value v;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_thread_pool_new(2, &f->pool)) != NULL
        || (err = tw_run_in_executor(tw_get_running_loop(), f->pool, add, &two_and_forty,
                                     &f->fut)) != NULL)
        TW_RAISE(co, err);
    printf("returns an asyncio future: %s\n",
           tw_bool_str(((tw_object *)f->fut)->kind == TW_KIND_FUTURE));
    TW_AWAIT(co, tw_ref(f->fut));
    printf("result: %ld\n", (long)TW_RESULT(co).i);
    printf("future done: %s\n", tw_bool_str(tw_future_done(f->fut)));
    if ((err = tw_future_result(f->fut, &v)) != NULL)
        TW_RAISE(co, err);
    printf("future result: %ld\n", (long)v.i);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
