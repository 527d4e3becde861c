#line 696 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *say(void *line)
{
    puts(line);
    return NULL;
}

static tw_step work_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RETURN(co, TW_INT(1));
    TW_END(co);
}

static void report(const char *name, tw_error *err)
{
    if (tw_error_is(err, TW_ERR_RUNTIME))
        printf("%s on a closed loop: RuntimeError\n", name);
    else
        printf("%s on a closed loop: no error\n", name);
    tw_unref(err);
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("is_closed() before = %s\n", tw_bool_str(tw_loop_is_closed(loop)));
    tw_call_soon(loop, say, "discarded callback ran", NULL);
    tw_loop_close(loop);
    printf("is_closed() after = %s\n", tw_bool_str(tw_loop_is_closed(loop)));
    if (tw_loop_close(loop) == NULL)
        printf("second close(): no error\n");
    report("call_soon", tw_call_soon(loop, say, "x", NULL));
    report("call_later", tw_call_later(loop, 0, say, "x", NULL));
    report("run_forever", tw_loop_run_forever(loop));
    /* the coroutine is consumed (closed) even though the call fails */
    report("run_until_complete",
           tw_loop_run_until_complete(loop, tw_coro_call(work_body), NULL));
    tw_loop_free(loop);
    return 0;
}
