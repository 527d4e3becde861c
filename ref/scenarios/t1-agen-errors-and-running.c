#line 638 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_step failing_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AGEN_YIELD(co, TW_STR("first"));
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "generator failed"));
    TW_END(co);
}

static tw_step slow_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));              /* suspended inside the body, not at a yield */
    TW_AGEN_YIELD(co, TW_STR("slow"));
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_step stubborn_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AGEN_YIELD(co, TW_STR("1"));
    tw_unref(TW_TAKE_ERROR(co));            /* finally: yield 2, ignoring GeneratorExit */
    TW_AGEN_YIELD(co, TW_STR("2"));
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_step never_started_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AGEN_YIELD(co, TW_STR("1"));
    printf("never_started: finally (not expected)\n");
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

static tw_agen *agen(tw_coro_fn body)
{
    return tw_agen_new(body, sizeof(tw_agen));
}

/* Print what an awaited call raised, if it is the expected kind. */
static bool raised(tw_coro *co, tw_errkind kind, const char *what)
{
    if (!tw_error_is(TW_ERROR(co), kind))
        return false;
    printf("%s: %s(%s)\n", what, tw_error_type(TW_ERROR(co)), tw_error_message(TW_ERROR(co)));
    TW_CLEAR(co);
    return true;
}

struct main_frame { tw_coro co; tw_agen *gen; tw_task *first; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->gen)
        tw_unref(&f->gen->co);
    tw_unref(f->first);
}

static void next_generator(struct main_frame *f, tw_coro_fn body)
{
    tw_unref(&f->gen->co);
    f->gen = agen(body);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->gen = agen(failing_body);
    TW_AWAIT(co, tw_agen_anext(f->gen));
    printf("anext: %s\n", TW_RESULT(co).s);
    TW_AWAIT_TRY(co, tw_agen_anext(f->gen));
    if (!raised(co, TW_ERR_VALUE, "anext"))
        TW_RERAISE(co);
    TW_AWAIT_TRY(co, tw_agen_anext(f->gen));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_STOP_ASYNC_ITERATION))
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("anext after the error: StopAsyncIteration\n");

    next_generator(f, slow_body);
    f->first = tw_create_task(tw_agen_anext(f->gen), NULL);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT_TRY(co, tw_agen_anext(f->gen));
    if (!raised(co, TW_ERR_RUNTIME, "anext while running"))
        TW_RERAISE(co);
    TW_AWAIT_TRY(co, tw_agen_aclose(f->gen));
    if (!raised(co, TW_ERR_RUNTIME, "aclose while running"))
        TW_RERAISE(co);
    TW_AWAIT(co, tw_ref(f->first));
    printf("first anext: %s\n", TW_RESULT(co).s);
    TW_AWAIT(co, tw_agen_aclose(f->gen));

    next_generator(f, stubborn_body);
    TW_AWAIT(co, tw_agen_anext(f->gen));
    printf("anext: %s\n", TW_RESULT(co).s);
    TW_AWAIT_TRY(co, tw_agen_aclose(f->gen));
    if (!raised(co, TW_ERR_RUNTIME, "aclose"))
        TW_RERAISE(co);

    next_generator(f, never_started_body);
    TW_AWAIT(co, tw_agen_aclose(f->gen));
    printf("aclose of a generator never started: its body did not run\n");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
