#line 291 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <time.h>
#include "tower.h"

static tw_error *job(void *arg, tw_value *result)
{
    intptr_t n = (intptr_t)arg;
    struct timespec d = { 0, 20000000 * (4 - n) };
    nanosleep(&d, NULL);
    *result = TW_INT(n * n);
    return NULL;
}

struct main_frame { tw_coro co; tw_executor *pool; tw_future *futs[4]; int n; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    for (int n = 0; n < 4; n++)
        tw_unref(f->futs[n]);
    tw_executor_free(f->pool);
}

static tw_error *submit_all(struct main_frame *f)
{
    tw_error *err = NULL;
    for (intptr_t n = 0; n < 4 && err == NULL; n++)
        err = tw_run_in_executor(tw_get_running_loop(), f->pool, job, (void *)n, &f->futs[n]);
    return err;
}

static tw_future *gather_all(struct main_frame *f)
{
    tw_future *g = tw_gather(4, (void *const *)f->futs, false);
    for (int n = 0; n < 4; n++)
        f->futs[n] = NULL;              /* the gather took them */
    return g;
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_thread_pool_new(4, &f->pool)) != NULL || (err = submit_all(f)) != NULL)
        TW_RAISE(co, err);
    for (f->n = 0; f->n < 4; f->n++) {
        fut = f->futs[f->n];
        f->futs[f->n] = NULL;           /* the await takes it */
        TW_AWAIT(co, fut);
        printf("job %d -> %ld\n", f->n, (long)TW_RESULT(co).i);
    }
    if ((err = submit_all(f)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, gather_all(f));
    {
        const tw_gathered *g = TW_RESULT(co).p;
        printf("gathered: %ld %ld %ld %ld\n", (long)g->values[0].i, (long)g->values[1].i,
               (long)g->values[2].i, (long)g->values[3].i);
    }
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
