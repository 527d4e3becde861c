#line 1902 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

static const tw_contextvar request = TW_CONTEXTVAR("request", TW_STR("unset"));

static tw_error *read_var(void *arg, tw_value *result)
{
    (void)arg;
    *result = tw_contextvar_get(&request);
    return NULL;
}

static tw_error *write_var(void *arg, tw_value *result)
{
    (void)arg;
    tw_contextvar_set(&request, TW_STR("changed in thread"));
    *result = tw_contextvar_get(&request);
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    tw_contextvar_set(&request, TW_STR("req-42"));
    TW_AWAIT(co, tw_to_thread(read_var, NULL));
    printf("seen by to_thread: %s\n", TW_RESULT(co).s);
    TW_AWAIT(co, tw_to_thread(write_var, NULL));
    printf("set in thread: %s\n", TW_RESULT(co).s);
    printf("caller after: %s\n", tw_contextvar_get(&request).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
