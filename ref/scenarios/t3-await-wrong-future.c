#line 669 "chapters/tier3-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

struct main_frame { tw_coro co; tw_loop *other; tw_future *fut; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->fut);
    if (f->other) {
        tw_loop_close(f->other);
        tw_loop_free(f->other);
    }
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    const char *msg;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_ref(tw_current_task()));
    if (tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME)) {
        msg = tw_error_str(TW_ERROR(co));
        printf("a task awaiting itself: RuntimeError: %.*s\n", (int)strcspn(msg, ":"), msg);
    }
    TW_CLEAR(co);
    f->other = tw_loop_new();
    f->fut = tw_future_new(f->other);
    TW_AWAIT_TRY(co, tw_ref(f->fut));
    if (tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME))
        printf("a future of another loop: RuntimeError, attached to a different loop: %s\n",
               tw_bool_str(ends_with(tw_error_str(TW_ERROR(co)), "attached to a different loop")));
    TW_CLEAR(co);
    TW_AWAIT(co, tw_sleep_value(0, TW_STR("yes")));
    printf("the task goes on: %s\n", TW_RESULT(co).s);
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
