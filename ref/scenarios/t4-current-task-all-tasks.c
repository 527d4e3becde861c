#line 2407 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(tw_task_name(*(tw_task *const *)a), tw_task_name(*(tw_task *const *)b));
}

/* the names of all_tasks(), sorted and joined; (none) for none */
static void print_all_tasks(const char *label)
{
    tw_task **tasks;
    size_t n = tw_all_tasks(tw_get_running_loop(), &tasks);
    qsort(tasks, n, sizeof *tasks, by_name);
    printf("%s: ", label);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", tw_task_name(tasks[i]));
    printf("%s\n", n ? "" : "(none)");
    free(tasks);
}

struct child { tw_coro co; tw_future *gate; };

static tw_step child(tw_coro *co)
{
    struct child *f = (struct child *)co;
    TW_BEGIN(co);
    printf("child: current_task() name=%s\n", tw_task_name(tw_current_task()));
    TW_AWAIT(co, f->gate);
    TW_END(co);
}

static tw_error *in_plain_callback(void *arg)
{
    (void)arg;
    printf("in a plain callback: current_task() is None: %s\n",
           tw_bool_str(tw_current_task() == NULL));
    return NULL;
}

struct main_frame { tw_coro co; tw_future *gate; tw_task *kids[2]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_task_set_name(tw_current_task(), "main-task");
    printf("main: current_task() name=%s\n", tw_task_name(tw_current_task()));
    f->gate = tw_future_new(loop);
    for (int i = 0; i < 2; i++) {
        struct child *c = tw_coro_new(child, sizeof *c);
        char name[16];
        c->gate = tw_ref(f->gate);
        snprintf(name, sizeof name, "kid-%d", i);
        f->kids[i] = tw_create_task(&c->co, name);
    }
    print_all_tasks("all_tasks");
    TW_AWAIT(co, tw_sleep(0));
    tw_future_set_result(f->gate, TW_NONE);
    tw_unref(f->gate);
    TW_AWAIT(co, tw_gather(2, (void **)f->kids, false));
    print_all_tasks("after the kids finished");
    tw_call_soon(loop, in_plain_callback, NULL, NULL);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
