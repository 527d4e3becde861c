#line 1957 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

struct ticks { tw_agen gen; const char *name; int n, i; tw_error *closing; };

static void ticks_cleanup(tw_coro *co)
{
    tw_unref(((struct ticks *)co)->closing);
}

static tw_step ticks_body(tw_coro *co)
{
    struct ticks *f = (struct ticks *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < f->n; f->i++) {
        TW_AWAIT(co, tw_sleep(0));
        TW_AGEN_YIELD(co, TW_INT(f->i));
        if (TW_ERROR(co)) {                 /* aclose(): GeneratorExit at the yield */
            f->closing = TW_TAKE_ERROR(co);
            break;
        }
    }
    TW_AWAIT(co, tw_sleep(0));              /* finally: */
    printf("%s: finalised\n", f->name);
    if (f->closing) {
        tw_error *e = f->closing;
        f->closing = NULL;
        TW_RAISE(co, e);
    }
    TW_END(co);
}

static tw_agen *ticks(const char *name, int n)
{
    struct ticks *f = tw_agen_new(ticks_body, sizeof *f);
    f->name = name;
    f->n = n;
    f->gen.co.cleanup = ticks_cleanup;
    return &f->gen;
}

static tw_agen *left_open;

struct main_frame { tw_coro co; tw_agen *gen; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->gen)
        tw_unref(&f->gen->co);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->gen = ticks("exhausted", 2);
    for (;;) {                              /* async for i in ticks("exhausted", 2): */
        TW_AWAIT_TRY(co, tw_agen_anext(f->gen));
        if (tw_error_is(TW_ERROR(co), TW_ERR_STOP_ASYNC_ITERATION)) {
            TW_CLEAR(co);
            break;
        }
        if (TW_ERROR(co))
            TW_RERAISE(co);
        printf("async for got %ld\n", (long)TW_RESULT(co).i);
    }
    tw_unref(&f->gen->co);

    f->gen = ticks("closed", 5);
    TW_AWAIT(co, tw_agen_anext(f->gen));
    printf("anext: %ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT(co, tw_agen_aclose(f->gen));
    TW_AWAIT_TRY(co, tw_agen_anext(f->gen));
    if (tw_error_is(TW_ERROR(co), TW_ERR_STOP_ASYNC_ITERATION)) {
        TW_CLEAR(co);
        printf("anext after aclose: StopAsyncIteration\n");
    }
    tw_unref(&f->gen->co);
    f->gen = NULL;

    left_open = ticks("left open", 5);
    TW_AWAIT(co, tw_agen_anext(left_open));
    printf("anext: %ld\n", (long)TW_RESULT(co).i);
    printf("main returns with a generator suspended\n");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    err = tw_run(&f->co, NULL);
    if (err)
        return tw_report_uncaught(err);
    printf("asyncio.run returned\n");
    tw_unref(&left_open->co);
    return 0;
}
