#line 443 "chapters/tier5-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

static int release[2];

static tw_error *set_started(void *started)
{
    return tw_future_set_result(started, TW_NONE);
}

static tw_error *blocker(void *started, tw_value *result)
{
    char byte;
    tw_unref(tw_call_soon_threadsafe(tw_future_loop(started), set_started, started));
    if (read(release[0], &byte, 1) != 1)
        return tw_error_os(errno, NULL);
    *result = TW_STR("done");
    return NULL;
}

static tw_error *never(void *arg, tw_value *result)
{
    (void)arg;
    (void)result;
    printf("a cancelled call ran (not expected)\n");
    return NULL;
}

struct main_frame { tw_coro co; tw_executor *pool; tw_future *started, *fut[3]; int i; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    for (int i = 0; i < 3; i++)
        tw_unref(f->fut[i]);
    tw_unref(f->started);
    tw_executor_free(f->pool);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const names[] = { NULL, "cancelled", "queued at shutdown" };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_future *late = NULL;
    tw_error *err;
    TW_BEGIN(co);
    if (pipe(release) < 0)
        TW_RAISE(co, tw_error_os(errno, NULL));
    if ((err = tw_thread_pool_new(1, &f->pool)) != NULL
        || (err = tw_run_in_executor(loop, f->pool, blocker, f->started = tw_future_new(loop),
                                     &f->fut[0])) != NULL
        || (err = tw_run_in_executor(loop, f->pool, never, NULL, &f->fut[1])) != NULL
        || (err = tw_run_in_executor(loop, f->pool, never, NULL, &f->fut[2])) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(f->started));
    tw_future_cancel(f->fut[1], NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_executor_shutdown(f->pool, false, true);
    if (write(release[1], "x", 1) != 1)
        TW_RAISE(co, tw_error_os(errno, NULL));
    TW_AWAIT(co, tw_ref(f->fut[0]));
    printf("the running call: %s\n", TW_RESULT(co).s);
    for (f->i = 1; f->i < 3; f->i++) {
        TW_AWAIT_TRY(co, tw_ref(f->fut[f->i]));
        if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
            printf("the %s call: cancelled=%s\n", names[f->i],
                   tw_bool_str(tw_future_cancelled(f->fut[f->i])));
        TW_CLEAR(co);
    }
    if ((err = tw_run_in_executor(loop, f->pool, never, NULL, &late)) != NULL)
        printf("after shutdown: %s: %s\n", tw_error_type(err), tw_error_str(err));
    tw_unref(err);
    tw_unref(late);
    tw_executor_shutdown(f->pool, true, false);
    close(release[0]);
    close(release[1]);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
