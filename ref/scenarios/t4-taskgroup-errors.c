#line 1559 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct fail { tw_coro co; const char *msg; };

static tw_step fail_body(tw_coro *co)
{
    struct fail *f = (struct fail *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "%s", f->msg));
    TW_END(co);
}

static tw_coro *fail(const char *msg)
{
    struct fail *f = tw_coro_new(fail_body, sizeof *f);
    f->msg = msg;
    return &f->co;
}

static tw_step sibling(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("sibling: cancelled by the group\n");
        TW_RERAISE(co);
    }
    TW_END(co);
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* except* ValueError: true when e is a group of ValueErrors, printed as the scenario does */
static bool except_value_errors(const tw_error *e)
{
    size_t n = tw_error_count(e);
    const char *msgs[8];
    if (!tw_error_is(e, TW_ERR_GROUP) || n == 0 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!tw_error_is(tw_error_item(e, i), TW_ERR_VALUE))
            return false;
        msgs[i] = tw_error_str(tw_error_item(e, i));
    }
    qsort(msgs, n, sizeof *msgs, by_str);
    printf("%s of %zu ValueError: ", tw_error_type(e), n);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", msgs[i]);
    printf("\n");
    return true;
}

struct main_frame { tw_coro co; tw_taskgroup *tg; tw_task *s, *a, *b; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_value va, vb;
    TW_BEGIN(co);
    f->tg = tw_taskgroup_new();
    tw_unref(tw_taskgroup_create_task(f->tg, fail("one"), NULL));
    tw_unref(tw_taskgroup_create_task(f->tg, fail("two"), NULL));
    f->s = tw_taskgroup_create_task(f->tg, tw_coro_new(sibling, sizeof(tw_coro)), NULL);
    printf("body: tasks created\n");
    TW_AWAIT_TRY(co, tw_taskgroup_exit(f->tg, NULL));
    if (TW_ERROR(co) && !except_value_errors(TW_ERROR(co)))
        TW_RERAISE(co);
    TW_CLEAR(co);
    printf("sibling cancelled: %s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->s))));
    tw_unref(f->s);
    f->tg = tw_taskgroup_new();
    f->a = tw_taskgroup_create_task(f->tg, tw_sleep_value(0.01, TW_STR("a")), NULL);
    f->b = tw_taskgroup_create_task(f->tg, tw_sleep_value(0.02, TW_STR("b")), NULL);
    TW_AWAIT(co, tw_taskgroup_exit(f->tg, NULL));
    tw_unref(tw_future_result(tw_task_future(f->a), &va));
    tw_unref(tw_future_result(tw_task_future(f->b), &vb));
    printf("clean group waited for all: %s %s\n", va.s, vb.s);
    tw_unref(f->a);
    tw_unref(f->b);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
