#line 3260 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct waiter_frame { tw_coro co; tw_future *fut; };

static tw_step waiter(tw_coro *co)
{
    struct waiter_frame *f = (struct waiter_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, f->fut);           /* the await takes the reference */
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static tw_coro *waiter_new(tw_future *fut)
{
    struct waiter_frame *f = tw_coro_new(waiter, sizeof *f);
    f->fut = fut;
    return &f->co;
}

static void print_names(const char *when, const char *call, tw_task *t, size_t limit)
{
    tw_frame frames[8];
    size_t n = tw_task_get_stack(t, frames, limit);
    printf("%s: %s ", when, call);
    if (n == 0 || limit == 0) {
        printf("is []\n");
        return;
    }
    printf("names [");
    for (size_t i = 0; i < n && i < limit; i++)
        printf("%s'%s'", i ? ", " : "", frames[i].name);
    printf("]\n");
}

static void print_printed(const char *when, const char *call, tw_task *t, int limit)
{
    char *text = NULL, *line, *in;
    size_t len = 0;
    const char *sep = "";
    FILE *out = open_memstream(&text, &len);
    tw_task_print_stack(t, limit, out);
    fclose(out);
    line = strtok(text, "\n");
    printf("%s: %s prints '%.*s' then frames [", when, call, (int)(strstr(line, " <") - line), line);
    while ((line = strtok(NULL, "\n")) != NULL)
        if (strncmp(line, "  File ", 7) == 0 && (in = strstr(line, ", in ")) != NULL) {
            printf("%s'%s'", sep, in + 5);
            sep = ", ";
        }
    printf("]\n");
    free(text);
}

struct main_frame { tw_coro co; tw_future *fut; tw_task *task, *cancelled; int start; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_frame frame;
    TW_BEGIN(co);
    f->fut = tw_future_new(tw_get_running_loop());
    f->task = tw_create_task(waiter_new(tw_ref(f->fut)), "waiter-task");
    tw_task_get_stack(f->task, &frame, 1);
    f->start = frame.line;
    print_names("not started", "get_stack()", f->task, 8);
    print_printed("not started", "print_stack()", f->task, -1);
    TW_AWAIT(co, tw_sleep(0));
    print_names("suspended", "get_stack()", f->task, 8);
    tw_task_get_stack(f->task, &frame, 1);
    printf("suspended: its line is past the one it started at: %s\n",
           tw_bool_str(frame.line > f->start));
    print_printed("suspended", "print_stack()", f->task, -1);
    print_names("suspended", "get_stack(limit=0)", f->task, 0);
    print_printed("suspended", "print_stack(limit=0)", f->task, 0);
    tw_future_set_result(f->fut, TW_STR("done"));
    tw_unref(f->fut);
    TW_AWAIT(co, tw_ref(f->task));
    printf("result: %s\n", TW_RESULT(co).s);
    print_names("done", "get_stack()", f->task, 8);
    print_printed("done", "print_stack()", f->task, -1);
    tw_unref(f->task);
    f->cancelled = tw_create_task(waiter_new(tw_future_new(tw_get_running_loop())), NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->cancelled, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->cancelled));
    TW_CLEAR(co);
    print_names("cancelled", "get_stack()", f->cancelled, 8);
    print_printed("cancelled", "print_stack()", f->cancelled, -1);
    tw_unref(f->cancelled);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
