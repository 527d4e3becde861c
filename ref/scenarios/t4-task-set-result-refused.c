#line 3375 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step work(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("its own result"));
    TW_END(co);
}

static void attempt(const char *what, tw_error *err)
{
    if (err == NULL)
        printf("%s: accepted\n", what);
    else
        printf("%s: %s: %s\n", what, tw_error_type(err), tw_error_str(err));
    tw_unref(err);
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_value v;
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_call(work), NULL);
    attempt("set_result on a pending task",
            tw_future_set_result(tw_task_future(f->task), TW_STR("forced")));
    attempt("set_exception on a pending task",
            tw_future_set_exception(tw_task_future(f->task),
                                    tw_error_new(TW_ERR_VALUE, "forced")));
    printf("the task is still pending: %s\n", tw_bool_str(!tw_future_done(tw_task_future(f->task))));
    TW_AWAIT(co, tw_ref(f->task));
    printf("result: %s\n", TW_RESULT(co).s);
    attempt("set_result on a done task",
            tw_future_set_result(tw_task_future(f->task), TW_STR("late")));
    tw_unref(tw_future_result(tw_task_future(f->task), &v));
    printf("result after: %s\n", v.s);
    tw_unref(f->task);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
