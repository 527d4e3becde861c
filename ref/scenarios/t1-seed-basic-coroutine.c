#line 28 "chapters/tier1-seed.nw"
#include <stdio.h>
#include "tower.h"

static tw_step greet(tw_coro *co)
{
    TW_BEGIN(co);
    printf("🌟 Coroutine started\n");
    TW_AWAIT(co, tw_sleep(1));
    printf("🌟 Coroutine ended\n");
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_coro_call(greet));
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL);
    if (err) {
        tw_error_print(stderr, err);
        tw_unref(err);
        return 1;
    }
    return 0;
}
