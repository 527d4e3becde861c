#line 62 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct worker { tw_coro co; const char *tag; };

static tw_step worker_body(tw_coro *co)
{
    struct worker *f = (struct worker *)co;
    TW_BEGIN(co);
    printf("%s started\n", f->tag);
    TW_AWAIT(co, tw_sleep(0));
    printf("%s resumed\n", f->tag);
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_task *tasks[3]; const char *results[3]; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *tags[] = { "A", "B", "C" };
    TW_BEGIN(co);
    for (int i = 0; i < 3; i++) {
        struct worker *w = tw_coro_new(worker_body, sizeof *w);
        char name[16];
        w->tag = tags[i];
        snprintf(name, sizeof name, "worker-%s", tags[i]);
        f->tasks[i] = tw_create_task(&w->co, name);
    }
    printf("three tasks created; none has started\n");
    printf("done: %s %s %s\n", tw_bool_str(tw_future_done(tw_task_future(f->tasks[0]))),
           tw_bool_str(tw_future_done(tw_task_future(f->tasks[1]))),
           tw_bool_str(tw_future_done(tw_task_future(f->tasks[2]))));
    TW_AWAIT(co, tw_sleep(0));
    printf("main resumed after one sleep(0)\n");
    for (f->i = 0; f->i < 3; f->i++) {
        TW_AWAIT(co, f->tasks[f->i]);
        f->results[f->i] = TW_RESULT(co).s;
    }
    printf("results: %s, %s, %s\n", f->results[0], f->results[1], f->results[2]);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
