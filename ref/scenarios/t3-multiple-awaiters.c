#line 598 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

/* a task's result must outlive the task's frame: the lines are static */
static char lines[3][32];

struct waiter { tw_coro co; tw_future *fut; const char *tag; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_ref(f->fut));
    snprintf(lines[f->tag[0] - 'A'],
             sizeof lines[0], "%s got %ld", f->tag, (long)TW_RESULT(co).i);
    TW_RETURN(co, TW_STR(lines[f->tag[0] - 'A']));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_future *fut; tw_task *tasks[3]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *tags[] = { "A", "B", "C" };
    TW_BEGIN(co);
    f->fut = tw_future_new(tw_get_running_loop());
    for (int i = 0; i < 3; i++) {
        struct waiter *w = tw_coro_new(waiter_body, sizeof *w);
        w->fut = f->fut;
        w->tag = tags[i];
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("waiters done: %s %s %s\n",
           tw_bool_str(tw_future_done(tw_task_future(f->tasks[0]))),
           tw_bool_str(tw_future_done(tw_task_future(f->tasks[1]))),
           tw_bool_str(tw_future_done(tw_task_future(f->tasks[2]))));
    tw_future_set_result(f->fut, TW_INT(99));
    TW_AWAIT(co, tw_gather(3, (void **)f->tasks, false));
    {
        const tw_gathered *g = TW_RESULT(co).p;
        for (size_t i = 0; i < g->n; i++)
            printf("%s\n", g->values[i].s);
    }
    TW_AWAIT(co, f->fut);
    printf("awaiting the future again -> %ld\n", (long)TW_RESULT(co).i);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
