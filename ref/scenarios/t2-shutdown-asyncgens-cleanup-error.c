#line 2078 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_step fails_on_close_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AGEN_YIELD(co, TW_INT(1));
    TW_CLEAR(co);                           /* finally: whatever ended the yield */
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "cleanup failed"));
    TW_END(co);
}

static tw_agen *kept;

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    static const char prefix[] = "an error occurred during closing of asynchronous generator";
    (void)loop;
    (void)data;
    printf("handler: message starts '%s': %s\n", prefix,
           tw_bool_str(strncmp(ctx->message, prefix, strlen(prefix)) == 0));
    printf("handler: exception=%s('%s')\n", tw_error_type(ctx->error), tw_error_message(ctx->error));
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    tw_loop_set_exception_handler(tw_get_running_loop(), handler, NULL);
    kept = tw_agen_new(fails_on_close_body, sizeof(tw_agen));
    TW_AWAIT(co, tw_agen_anext(kept));
    printf("anext: %ld\n", (long)TW_RESULT(co).i);
    printf("main returns with a generator suspended\n");
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL);
    if (err)
        return tw_report_uncaught(err);
    printf("asyncio.run returned\n");
    tw_unref(&kept->co);
    return 0;
}
