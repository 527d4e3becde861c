#line 1805 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static struct { char lines[4][160]; int n; } reports;

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    (void)data;
    if (ctx->error != NULL || strstr(ctx->message, " was never awaited") == NULL) {
        tw_loop_default_exception_handler(loop, ctx);
        return;
    }
    if (reports.n < 4)
        snprintf(reports.lines[reports.n++], sizeof reports.lines[0], "%s", ctx->message);
}

static tw_step forgotten(tw_coro *co)
{
    TW_BEGIN(co);
    printf("never printed\n");
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_loop_set_debug(loop, true);
    TW_AWAIT(co, tw_sleep(0));
    tw_loop_set_exception_handler(loop, handler, NULL);
    tw_unref(tw_coro_call(forgotten));          /* made, then dropped */
    tw_coro_close(tw_coro_call(forgotten));     /* made, then closed */
    TW_AWAIT(co, tw_coro_call(forgotten));      /* made and awaited */
    tw_loop_set_exception_handler(loop, NULL, NULL);
    printf("reports: %d\n", reports.n);
    for (int i = 0; i < reports.n; i++)
        printf("reported: %s\n", reports.lines[i]);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_call(main_body), NULL));
}
