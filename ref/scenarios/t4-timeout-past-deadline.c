#line 2113 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_timeout *cm; };

static void main_cleanup(tw_coro *co)
{
    tw_timeout_free(((struct main_frame *)co)->cm);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_error *e;
    TW_BEGIN(co);
    f->cm = tw_timeout_at(tw_loop_time(tw_get_running_loop()) - 1);
    if ((e = tw_timeout_enter(f->cm)) != NULL)
        TW_RAISE(co, e);
    printf("in the block\n");
    TW_AWAIT_TRY(co, tw_sleep(0));
    if (TW_ERROR(co) == NULL)
        printf("after the await (not expected)\n");
    e = tw_timeout_exit(f->cm, TW_TAKE_ERROR(co));
    if (!tw_error_is(e, TW_ERR_TIMEOUT))
        TW_RAISE(co, e);
    tw_unref(e);
    printf("a past deadline: TimeoutError at the first await; expired=%s\n",
           tw_bool_str(tw_timeout_expired(f->cm)));
    tw_timeout_free(f->cm);

    f->cm = tw_timeout_new(0);
    if ((e = tw_timeout_enter(f->cm)) != NULL)
        TW_RAISE(co, e);
    printf("a block that never awaits\n");
    if ((e = tw_timeout_exit(f->cm, NULL)) != NULL)
        TW_RAISE(co, e);
    printf("ends normally: expired=%s\n", tw_bool_str(tw_timeout_expired(f->cm)));
    TW_AWAIT(co, tw_sleep(0.01));
    printf("and the deadline cancels nothing after the block\n");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
