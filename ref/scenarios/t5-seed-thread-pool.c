#line 104 "chapters/tier5-seed.nw"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "tower.h"

static const char *now(char buf[32])
{
    time_t t = time(NULL);
    ctime_r(&t, buf);
    buf[strcspn(buf, "\n")] = 0;
    return buf;
}

static tw_error *blocking_task(void *arg, tw_value *result)
{
    struct timespec two = { 2, 0 };
    char stamp[32];
    (void)arg;
    nanosleep(&two, NULL);
    printf("%s Blocking task completed\n", now(stamp));
    *result = TW_STR("Blocking Task Result");
    return NULL;
}

struct main_frame { tw_coro co; tw_executor *executor; };

static void main_cleanup(tw_coro *co)
{
    tw_executor_free(((struct main_frame *)co)->executor);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    char stamp[32];
    tw_future *fut;
    tw_error *err;
    const char *result;
    TW_BEGIN(co);
    printf("%s Main coroutine started\n", now(stamp));
    if ((err = tw_thread_pool_new(0, &f->executor)) != NULL
        || (err = tw_run_in_executor(tw_get_running_loop(), f->executor, blocking_task, NULL,
                                     &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    result = TW_RESULT(co).s;
    tw_executor_free(f->executor);
    f->executor = NULL;
    printf("%s Main coroutine completed with result: %s\n", now(stamp), result);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
