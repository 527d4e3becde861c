#line 3440 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step work(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR("done"));
    TW_END(co);
}

static void print_outcome(const char *what, tw_error *err)
{
    if (err == NULL)
        printf("%s: accepted\n", what);
    else
        printf("%s: %s: %s\n", what, tw_error_type(err), tw_error_str(err));
}

struct main_frame { tw_coro co; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    void *aws[1];
    TW_BEGIN(co);
    f->task = tw_create_task(tw_coro_call(work), NULL);
    TW_AWAIT_TRY(co, tw_wait(0, NULL, TW_FOREVER, TW_ALL_COMPLETED));
    print_outcome("wait on an empty set", TW_ERROR(co));
    aws[0] = tw_coro_call(work);
    TW_AWAIT_TRY(co, tw_wait(1, aws, TW_FOREVER, TW_ALL_COMPLETED));
    print_outcome("wait on a coroutine", TW_ERROR(co));
    aws[0] = tw_ref(f->task);
    TW_AWAIT_TRY(co, tw_wait(1, aws, TW_FOREVER, (tw_return_when)7));
    printf("an unknown return_when: %s\n", TW_ERROR(co) ? tw_error_type(TW_ERROR(co)) : "accepted");
    TW_AWAIT(co, f->task);
    printf("the task was left alone: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
