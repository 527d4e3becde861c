#line 209 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

enum { DEPTH = 200 };

struct down { tw_coro co; int n; };
static tw_step down_body(tw_coro *co);

static tw_coro *down(int n)
{
    struct down *f = tw_coro_new(down_body, sizeof *f);
    f->n = n;
    return &f->co;
}

static tw_step down_body(tw_coro *co)
{
    struct down *f = (struct down *)co;
    TW_BEGIN(co);
    if (f->n == 0) {
        TW_AWAIT(co, tw_sleep(0));
        TW_RETURN(co, TW_INT(0));
    }
    TW_AWAIT(co, down(f->n - 1));
    TW_RETURN(co, TW_INT(TW_RESULT(co).i + f->n));
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, down(DEPTH));
    printf("sum over %d nested awaits = %ld\n", DEPTH, (long)TW_RESULT(co).i);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
