#line 728 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

static char saw_cancel[2];
static size_t nsaw;

struct child { tw_coro co; char tag; };

static tw_step child(tw_coro *co)
{
    struct child *f = (struct child *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        saw_cancel[nsaw++] = f->tag;
        TW_RERAISE(co);
    }
    TW_END(co);
}

static int by_char(const void *a, const void *b) { return *(const char *)a - *(const char *)b; }

struct main_frame { tw_coro co; tw_task *kids[2]; tw_future *group; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    {
        void *aws[2];
        for (int i = 0; i < 2; i++) {
            struct child *c = tw_coro_new(child, sizeof *c);
            c->tag = (char)('A' + i);
            f->kids[i] = tw_create_task(&c->co, NULL);
            aws[i] = tw_ref(f->kids[i]);
        }
        f->group = tw_gather(2, aws, false);
    }
    TW_AWAIT(co, tw_sleep(0));
    printf("group.cancel() -> %s\n", tw_bool_str(tw_future_cancel(f->group, NULL)));
    TW_AWAIT_TRY(co, f->group);
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("awaiting the gather raised CancelledError\n");
    TW_CLEAR(co);
    qsort(saw_cancel, nsaw, 1, by_char);
    printf("children that saw CancelledError: ");
    for (size_t i = 0; i < nsaw; i++)
        printf("%s%c", i ? ", " : "", saw_cancel[i]);
    printf("\n");
    printf("children cancelled: %s %s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->kids[0]))),
           tw_bool_str(tw_future_cancelled(tw_task_future(f->kids[1]))));
    tw_unref(f->kids[0]);
    tw_unref(f->kids[1]);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
