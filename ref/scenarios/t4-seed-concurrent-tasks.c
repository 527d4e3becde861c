#line 75 "chapters/tier4-seed.nw"
#include <stdio.h>
#include "tower.h"

#line 108 "chapters/tier4-seed.nw"
static tw_step task1(tw_coro *co)
{
    TW_BEGIN(co);
    printf("📝 Task 1 started\n");
    TW_AWAIT(co, tw_sleep(2));
    printf("📝 Task 1 completed\n");
    TW_RETURN(co, TW_STR("Result of Task 1"));
    TW_END(co);
}

static tw_step task2(tw_coro *co)
{
    TW_BEGIN(co);
    printf("📝 Task 2 started\n");
    TW_AWAIT(co, tw_sleep(1));
    printf("📝 Task 2 completed\n");
    TW_RETURN(co, TW_STR("Result of Task 2"));
    TW_END(co);
}

#line 80 "chapters/tier4-seed.nw"
struct main_frame { tw_coro co; tw_task *a, *b; const char *ra; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->a = tw_create_task(tw_coro_new(task1, sizeof(tw_coro)), NULL);
    f->b = tw_create_task(tw_coro_new(task2, sizeof(tw_coro)), NULL);
    printf("🎯 Both tasks have been started.\n");
    TW_AWAIT(co, f->a);
    f->ra = TW_RESULT(co).s;
    TW_AWAIT(co, f->b);
    printf("✅ %s\n", f->ra);
    printf("✅ %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
