#line 2009 "chapters/tier4-examples.nw"
#include <math.h>
#include <stdio.h>
#include "tower.h"

/* async with asyncio.timeout(...) as cm: the frame keeps cm across awaits */
struct main_frame { tw_coro co; tw_timeout *cm; };

static void main_cleanup(tw_coro *co)
{
    tw_timeout_free(((struct main_frame *)co)->cm);
}

static tw_error *enter(struct main_frame *f, tw_timeout *cm)
{
    tw_timeout_free(f->cm);
    f->cm = cm;
    return tw_timeout_enter(cm);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *e;
    TW_BEGIN(co);
    if ((e = enter(f, tw_timeout_new(0.05))) != NULL)
        TW_RAISE(co, e);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("body: cancelled when the deadline passed\n");
    e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co));
    if (!tw_error_is(e, TW_ERR_TIMEOUT))
        TW_RAISE(co, e);
    tw_unref(e);
    printf("timeout(0.05): TimeoutError, expired()=%s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));

    if ((e = enter(f, tw_timeout_at(tw_loop_time(loop) + 0.05))) != NULL)
        TW_RAISE(co, e);
    TW_AWAIT_TRY(co, tw_sleep(10));
    e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co));
    if (!tw_error_is(e, TW_ERR_TIMEOUT))
        TW_RAISE(co, e);
    tw_unref(e);
    printf("timeout_at(now+0.05): TimeoutError, expired()=%s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));

    if ((e = enter(f, tw_timeout_new(5))) != NULL)
        TW_RAISE(co, e);
    TW_AWAIT_TRY(co, tw_sleep(0));
    if ((e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co))) != NULL)
        TW_RAISE(co, e);
    printf("body finished in time: expired()=%s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));

    if ((e = enter(f, tw_timeout_new(TW_FOREVER))) != NULL)
        TW_RAISE(co, e);
    if (isinf(tw_timeout_when(f->cm)))
        printf("timeout(None).when() = None\n");
    else
        printf("timeout(None).when() = %g\n", tw_timeout_when(f->cm));
    if ((e = tw_timeout_reschedule(f->cm, tw_loop_time(loop) + 0.05)) != NULL)
        TW_RAISE(co, tw_timeout_exit(f->cm, e));
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("rescheduled deadline reached\n");
    if ((e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co))) != NULL)
        TW_RAISE(co, e);
    printf("not reached\n");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    err = tw_run(&f->co, NULL);
    if (tw_error_is(err, TW_ERR_TIMEOUT)) {
        printf("the rescheduled timeout raised TimeoutError out of main\n");
        tw_unref(err);
        return 0;
    }
    return tw_report_uncaught(err);
}
