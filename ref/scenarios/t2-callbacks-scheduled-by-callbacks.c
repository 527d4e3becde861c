#line 111 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_loop *loop;
/* one argument block per callback: tag and depth */
static struct cbarg { char tag; int depth; } args[3][4];

static tw_error *cb(void *p)
{
    struct cbarg *a = p;
    printf("callback %c%d\n", a->tag, a->depth);
    if (a->depth < 3) {
        tw_call_soon(loop, cb, a + 1, NULL);
        printf("  %c%d scheduled %c%d; it has not run inline\n",
               a->tag, a->depth, a->tag, a->depth + 1);
    }
    return NULL;
}

struct main_frame { tw_coro co; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    for (int t = 0; t < 3; t++)
        tw_call_soon(loop, cb, &args[t][1], NULL);
    for (f->i = 0; f->i < 4; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int t = 0; t < 3; t++)
        for (int d = 0; d < 4; d++)
            args[t][d] = (struct cbarg){ (char)('A' + t), d };
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    loop = tw_loop_new();
    tw_error *err = tw_loop_run_until_complete(loop, &f->co, NULL);
    tw_loop_free(loop);
    return tw_report_uncaught(err);
}
