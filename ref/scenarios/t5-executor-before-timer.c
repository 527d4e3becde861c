#line 78 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <time.h>
#include "tower.h"

static bool fired;

static tw_error *fire(void *arg)
{
    (void)arg;
    fired = true;
    return NULL;
}

static tw_error *job(void *arg, tw_value *result)
{
    struct timespec d = { 0, 50000000 };
    (void)arg;
    nanosleep(&d, NULL);
    *result = TW_STR("job result");
    return NULL;
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    tw_call_later(loop, 5, fire, NULL, NULL);
    if ((err = tw_run_in_executor(loop, NULL, job, NULL, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_wait_for(fut, 5));
    printf("result: %s\n", TW_RESULT(co).s);
    printf("timer fired first: %s\n", tw_bool_str(fired));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
