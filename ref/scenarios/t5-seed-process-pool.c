#line 20 "chapters/tier5-seed.nw"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "tower.h"

typedef unsigned __int128 u128;

static const char *now(char buf[32])
{
    time_t t = time(NULL);
    ctime_r(&t, buf);
    buf[strcspn(buf, "\n")] = 0;
    return buf;
}

static const char *decimal(u128 v, char buf[48])
{
    char *p = buf + 47;
    *p = 0;
    do
        *--p = (char)('0' + (int)(v % 10));
    while ((v /= 10) != 0);
    return p;
}

static tw_error *cpu_bound_task(const void *arg, size_t len, tw_bytes **result)
{
    char stamp[32], digits[48];
    u128 total = 0;
    (void)arg;
    (void)len;
    for (u128 i = 0; i < 10000000; i++)
        total += i * i;
    printf("%s CPU-bound task completed with total: %s\n", now(stamp), decimal(total, digits));
    *result = tw_bytes_new(&total, sizeof total);
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
    char stamp[32], digits[48];
    tw_future *fut;
    tw_error *err;
    u128 result;
    TW_BEGIN(co);
    printf("%s Main coroutine started\n", now(stamp));
    if ((err = tw_process_pool_new(0, &f->executor)) != NULL
        || (err = tw_run_in_executor_bytes(tw_get_running_loop(), f->executor, cpu_bound_task,
                                           NULL, 0, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    memcpy(&result, ((const tw_bytes *)TW_RESULT(co).p)->data, sizeof result);
    tw_executor_free(f->executor);
    f->executor = NULL;
    printf("%s Main coroutine completed with result: %s\n", now(stamp), decimal(result, digits));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
