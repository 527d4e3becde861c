#line 2494 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_step noop(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    {
        tw_task *named = tw_create_task(tw_coro_new(noop, sizeof(tw_coro)), "alpha"), *unnamed;
        void *both[2];
        printf("create_task(name='alpha').get_name() = %s\n", tw_task_name(named));
        tw_task_set_name(named, "beta");
        printf("after set_name('beta'): %s\n", tw_task_name(named));
        unnamed = tw_create_task(tw_coro_new(noop, sizeof(tw_coro)), NULL);
        /* a C string is the only kind of name there is */
        printf("default name is a str: %s\n",
               tw_bool_str(tw_task_name(unnamed) != NULL));
        printf("default names differ: %s\n",
               tw_bool_str(strcmp(tw_task_name(unnamed),
                                  tw_task_name(tw_current_task())) != 0));
        both[0] = named;
        both[1] = unnamed;
        TW_AWAIT(co, tw_gather(2, both, false));
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
