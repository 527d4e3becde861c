#line 1705 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "tower.h"

#define THRESHOLD 0.05

static struct { tw_handle *slow; char lines[4][160]; int n; } reports;

static void block_the_thread(double seconds)
{
    struct timespec ts = { 0, (long)(seconds * 1e9) };
    while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) != 0)
        ;
}

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    const char *took = ctx->error ? NULL : strstr(ctx->message, " took ");
    const char *name = strstr(ctx->message, " name='blocker'");
    double seconds;
    int len;
    (void)data;
    if (took == NULL || strncmp(ctx->message, "Executing ", 10) != 0
        || sscanf(took, " took %lf seconds", &seconds) != 1) {
        tw_loop_default_exception_handler(loop, ctx);
        return;
    }
    if (ctx->handle != NULL && ctx->handle == reports.slow)
        len = snprintf(reports.lines[reports.n], sizeof reports.lines[0],
                       "the handle of slow_callback");
    else if (strncmp(ctx->message + 10, "<Task ", 6) == 0 && name != NULL)
        len = snprintf(reports.lines[reports.n], sizeof reports.lines[0], "%.*s",
                       (int)(name + strlen(" name='blocker'") - ctx->message - 10),
                       ctx->message + 10);
    else
        return;                         /* another callback that happened to be slow */
    snprintf(reports.lines[reports.n] + len, sizeof reports.lines[0] - (size_t)len,
             "..., took at least slow_callback_duration: %s", tw_bool_str(seconds >= THRESHOLD));
    if (reports.n < 3)
        reports.n++;
}

static tw_error *slow_callback(void *arg)
{
    (void)arg;
    block_the_thread(2 * THRESHOLD);
    printf("slow callback ran\n");
    return NULL;
}

static tw_step blocker(tw_coro *co)
{
    TW_BEGIN(co);
    block_the_thread(2 * THRESHOLD);
    printf("blocker: blocked the loop in its first step\n");
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_loop_set_debug(loop, true);
    tw_loop_set_slow_callback_duration(loop, THRESHOLD);
    printf("debug mode: %s, slow_callback_duration: %g\n", tw_bool_str(tw_loop_get_debug(loop)),
           tw_loop_get_slow_callback_duration(loop));
    tw_loop_set_exception_handler(loop, handler, NULL);
    tw_call_soon(loop, slow_callback, NULL, &reports.slow);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_create_task(tw_coro_call(blocker), "blocker"));
    tw_loop_set_exception_handler(loop, NULL, NULL);
    tw_handle_release(reports.slow);
    for (int i = 0; i < reports.n; i++)
        printf("reported: Executing %s\n", reports.lines[i]);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_call(main_body), NULL));
}
