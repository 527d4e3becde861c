#line 709 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct waiter { tw_coro co; const char *name; tw_event *event; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_event_wait(f->event));
    printf("%s woke, wait returned %s\n", f->name, tw_bool_str(TW_RESULT(co).i == 1));
    TW_END(co);
}

static tw_coro *waiter(const char *name, tw_event *event)
{
    struct waiter *f = tw_coro_new(waiter_body, sizeof *f);
    f->name = name;
    f->event = event;
    return &f->co;
}

struct main_frame { tw_coro co; tw_event *event; tw_task *tasks[3]; tw_task *late; int i; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "waiter0", "waiter1", "waiter2" };
    int done = 0;
    void *aws[3];
    TW_BEGIN(co);
    f->event = tw_event_new();
    printf("is_set: %s\n", tw_bool_str(tw_event_is_set(f->event)));
    for (int i = 0; i < 3; i++)
        f->tasks[i] = tw_create_task(waiter(names[i], f->event), NULL);
    TW_AWAIT(co, tw_sleep(0));
    for (int i = 0; i < 3; i++)
        done += tw_future_done(tw_task_future(f->tasks[i]));
    printf("waiting tasks done: %d\n", done);
    tw_event_set(f->event);
    tw_event_clear(f->event);  /* cleared at once: the three waiters were already awakened */
    for (int i = 0; i < 3; i++)
        aws[i] = f->tasks[i];
    TW_AWAIT(co, tw_gather(3, aws, false));
    printf("is_set: %s\n", tw_bool_str(tw_event_is_set(f->event)));
    tw_event_set(f->event);
    TW_AWAIT(co, tw_event_wait(f->event));
    printf("wait on a set event returns %s\n", tw_bool_str(TW_RESULT(co).i == 1));
    tw_event_clear(f->event);
    f->late = tw_create_task(waiter("late", f->event), NULL);
    for (f->i = 0; f->i < 3; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    printf("late waiter done before set: %s\n",
           tw_bool_str(tw_future_done(tw_task_future(f->late))));
    tw_event_set(f->event);
    TW_AWAIT(co, f->late);
    tw_unref(f->event);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
