#line 2758 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_contextvar var = TW_CONTEXTVAR("var", TW_STR("unset"));

struct step_frame { tw_coro co; const char *tag; };

static tw_step step_body(tw_coro *co)
{
    struct step_frame *f = (struct step_frame *)co;
    TW_BEGIN(co);
    printf("%s: var was %s\n", f->tag, tw_contextvar_get(&var).s);
    tw_contextvar_set(&var, TW_STR(f->tag));
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

static tw_coro *step(const char *tag)
{
    struct step_frame *f = tw_coro_new(step_body, sizeof *f);
    f->tag = tag;
    return &f->co;
}

static const char *run(tw_runner *runner, const char *tag, tw_ctx *ctx)
{
    tw_value v;
    tw_error *err = tw_runner_run(runner, step(tag), ctx, &v);
    if (err) {
        printf("run: %s: %s\n", tw_error_type(err), tw_error_message(err));
        tw_unref(err);
        return "(failed)";
    }
    return v.s;
}

int main(void)
{
    tw_runner *runner = tw_runner_new(TW_CLOCK_DEFAULT);
    tw_loop *loop, *again;
    tw_ctx *ctx;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    tw_unref(tw_runner_get_loop(runner, &loop));
    printf("run -> %s\n", run(runner, "first", NULL));
    printf("run -> %s\n", run(runner, "second", NULL));
    ctx = tw_copy_context();
    printf("run with a context of its own -> %s\n", run(runner, "third", ctx));
    printf("that context now holds: %s\n", tw_ctx_get(ctx, &var).s);
    tw_unref(ctx);
    printf("run -> %s\n", run(runner, "fourth", NULL));
    tw_unref(tw_runner_get_loop(runner, &again));
    printf("every run on the same loop: %s\n", tw_bool_str(again == loop));
    tw_runner_close(runner);
    printf("after the with block the loop is closed: %s\n", tw_bool_str(tw_loop_is_closed(loop)));
    tw_runner_close(runner);
    printf("close() again: no error\n");
    err = tw_runner_run(runner, step("late"), NULL, NULL);
    printf("run after close: %s: %s\n", tw_error_type(err), tw_error_message(err));
    tw_unref(err);
    err = tw_runner_get_loop(runner, &again);
    printf("get_loop after close: %s: %s\n", tw_error_type(err), tw_error_message(err));
    tw_unref(err);
    tw_runner_free(runner);
    return 0;
}
