#line 340 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step once_body(tw_coro *co)
{
    TW_BEGIN(co);
    printf("once: body runs\n");
    TW_RETURN(co, TW_INT(7));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_coro *coro; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->coro = tw_coro_new(once_body, sizeof(tw_coro));
    TW_AWAIT(co, tw_ref(f->coro));                  /* keep our reference */
    printf("first await -> %ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT_TRY(co, tw_ref(f->coro));
    if (tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME))
        printf("second await: RuntimeError\n");
    else
        printf("second await: no error\n");
    TW_CLEAR(co);
    tw_coro_close(f->coro);
    f->task = tw_create_task(tw_coro_new(once_body, sizeof(tw_coro)), NULL);
    TW_AWAIT(co, tw_ref(f->task));
    printf("task awaited once -> %ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT(co, tw_ref(f->task));
    printf("task awaited again -> %ld\n", (long)TW_RESULT(co).i);
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
