#line 444 "tower.nw"
#include <stdio.h>
#include <tower.h>

static tw_step hello(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0.01));
    printf("hello from the tower\n");
    TW_END(co);
}

int main(void)
{
    tw_error *err = tw_run(tw_coro_new(hello, sizeof(tw_coro)), NULL);
    if (err != NULL)
        return tw_report_uncaught(err);
    return 0;
}
