#line 2338 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

/* the caught CancelledError is kept across the cleanup's await, then re-raised */
struct background { tw_coro co; tw_error *caught; };

static void background_cleanup(tw_coro *co)
{
    tw_unref(((struct background *)co)->caught);
}

static tw_step background_body(tw_coro *co)
{
    struct background *f = (struct background *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        f->caught = TW_TAKE_ERROR(co);
        printf("background: cancelled at exit, cleaning up\n");
        TW_AWAIT(co, tw_sleep(0));
        printf("background: cleanup finished\n");
        {
            tw_error *e = f->caught;
            f->caught = NULL;
            TW_RAISE(co, e);
        }
    }
    TW_RERAISE(co);
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    {
        struct background *b = tw_coro_new(background_body, sizeof *b);
        b->co.cleanup = background_cleanup;
        tw_unref(tw_create_task(&b->co, NULL));
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("main: returning with a task still pending\n");
    TW_RETURN(co, TW_STR("main result"));
    TW_END(co);
}

int main(void)
{
    tw_value v;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(tw_coro)), &v);
    if (err)
        return tw_report_uncaught(err);
    printf("asyncio.run -> %s\n", v.s);
    return 0;
}
