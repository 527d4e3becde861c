#line 732 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include "tower.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *log_lines[3];
static int nlines;

static void log_line(const char *line)
{
    pthread_mutex_lock(&log_lock);
    log_lines[nlines++] = line;
    pthread_mutex_unlock(&log_lock);
}

static tw_error *slow_job(void *arg, tw_value *result)
{
    struct timespec d = { 0, 200000000 };
    (void)arg;
    (void)result;
    nanosleep(&d, NULL);
    log_line("job finished");
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_run_in_executor(tw_get_running_loop(), NULL, slow_job, NULL, &fut)) != NULL)
        TW_RAISE(co, err);
    tw_unref(fut);                      /* submitted and never awaited */
    log_line("main returned");
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL);
    if (err)
        return tw_report_uncaught(err);
    log_line("asyncio.run returned");
    for (int i = 0; i < nlines; i++)
        printf("%s\n", log_lines[i]);
    return 0;
}
