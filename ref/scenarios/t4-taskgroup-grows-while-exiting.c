#line 3089 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct child { tw_coro co; tw_taskgroup *tg; const char *name; bool spawn; };

static tw_coro *child(tw_taskgroup *tg, const char *name, bool spawn);

static tw_step child_body(tw_coro *co)
{
    struct child *f = (struct child *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    if (f->spawn) {
        tw_task *t = tw_taskgroup_create_task(f->tg, child(f->tg, "grandchild", false), NULL);
        if (t == NULL)
            TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "the group refused the task"));
        tw_unref(t);
        printf("%s: created a task in the group while it waits at its end\n", f->name);
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("%s: done\n", f->name);
    TW_END(co);
}

static tw_coro *child(tw_taskgroup *tg, const char *name, bool spawn)
{
    struct child *f = tw_coro_new(child_body, sizeof *f);
    f->tg = tg;
    f->name = name;
    f->spawn = spawn;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    tw_taskgroup *tg;
    TW_BEGIN(co);
    tg = tw_taskgroup_new();
    tw_unref(tw_taskgroup_create_task(tg, child(tg, "child", true), NULL));
    printf("block ends; the group waits for its one task\n");
    TW_AWAIT(co, tw_taskgroup_exit(tg, NULL));
    printf("group exited after both tasks\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
