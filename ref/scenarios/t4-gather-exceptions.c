#line 628 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct tagged { tw_coro co; const char *tag; };

static tw_coro *tagged(tw_coro_fn body, const char *tag)
{
    struct tagged *f = tw_coro_new(body, sizeof *f);
    f->tag = tag;
    return &f->co;
}

static tw_step fail(tw_coro *co)
{
    struct tagged *f = (struct tagged *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "%s", f->tag));
    TW_END(co);
}

static tw_step slow(tw_coro *co)
{
    struct tagged *f = (struct tagged *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0.05));
    printf("%s finished after the gather had already failed\n", f->tag);
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

static tw_step ok(tw_coro *co)
{
    struct tagged *f = (struct tagged *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

/* the scenario's show(): each result, or the error's type and message */
static void show(const tw_gathered *g)
{
    for (size_t i = 0; i < g->n; i++) {
        if (i)
            printf(", ");
        if (g->errors[i])
            printf("%s: %s", tw_error_type(g->errors[i]), tw_error_str(g->errors[i]));
        else
            printf("%s", g->values[i].s);
    }
    printf("\n");
}

struct main_frame { tw_coro co; tw_task *survivor; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_future *s;
    TW_BEGIN(co);
    {
        void *aws[3] = { tagged(ok, "a"), tagged(fail, "b failed"), tagged(ok, "c") };
        TW_AWAIT(co, tw_gather(3, aws, true));
    }
    printf("return_exceptions=True -> ");
    show(TW_RESULT(co).p);
    f->survivor = tw_create_task(tagged(slow, "survivor"), NULL);
    {
        void *aws[2] = { tagged(fail, "first error"), tw_ref(f->survivor) };
        TW_AWAIT_TRY(co, tw_gather(2, aws, false));
    }
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RERAISE(co);
    s = tw_task_future(f->survivor);
    printf("gather raised the first error: %s\n", tw_error_str(TW_ERROR(co)));
    printf("sibling cancelled? %s done? %s\n",
           tw_bool_str(tw_future_cancelled(s)), tw_bool_str(tw_future_done(s)));
    TW_AWAIT(co, f->survivor);
    printf("sibling result: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
