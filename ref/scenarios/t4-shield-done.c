#line 1314 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_future *done, *failed; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->done);
    tw_unref(f->failed);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_future *shield;
    TW_BEGIN(co);
    f->done = tw_future_new(loop);
    tw_unref(tw_future_set_result(f->done, TW_STR("ready")));
    shield = tw_shield(tw_ref(f->done));
    printf("shield(done future) is the future itself: %s\n", tw_bool_str(shield == f->done));
    tw_unref(shield);
    TW_AWAIT(co, tw_shield(tw_ref(f->done)));
    printf("await shield(done future): %s\n", TW_RESULT(co).s);

    f->failed = tw_future_new(loop);
    tw_unref(tw_future_set_exception(f->failed,
                                           tw_error_new(TW_ERR_VALUE, "failed before")));
    TW_AWAIT_TRY(co, tw_shield(tw_ref(f->failed)));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        printf("await shield(failed future): ValueError(%s)\n", tw_error_message(TW_ERROR(co)));
    else
        printf("await shield(failed future): returned (not expected)\n");
    TW_CLEAR(co);
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
