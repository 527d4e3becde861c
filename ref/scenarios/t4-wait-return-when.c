#line 806 "chapters/tier4-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

/* a task's result outlives its frame: the tags are string literals */
struct gate { tw_coro co; tw_future *fut; const char *tag; bool fail; };

static tw_step gate_body(tw_coro *co)
{
    struct gate *f = (struct gate *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_ref(f->fut));
    if (f->fail)
        TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "%s", f->tag));
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(tw_task_name(*(tw_task *const *)a), tw_task_name(*(tw_task *const *)b));
}

/* the scenario's names(): the tasks' names, sorted and joined; (none) for none */
static void names(tw_future *const *fs, size_t n)
{
    tw_task *sorted[3];
    memcpy(sorted, fs, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_name);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", tw_task_name(sorted[i]));
    printf("%s", n ? "" : "(none)");
}

static void print_waited(const char *label, const tw_waited *w)
{
    printf("%s: done=", label);
    names(w->done, w->ndone);
    printf(" pending=");
    names(w->pending, w->npending);
    printf("\n");
}

static tw_error *open_gate(void *fut)
{
    return tw_future_set_result(fut, TW_NONE);
}

struct main_frame {
    tw_coro co;
    tw_future *gates[3];
    tw_task *tasks[3];
};

static void release_all(struct main_frame *f)
{
    for (int i = 0; i < 3; i++) {
        tw_unref(f->gates[i]);
        tw_unref(f->tasks[i]);
        f->gates[i] = NULL;
        f->tasks[i] = NULL;
    }
}

static void main_cleanup(tw_coro *co)
{
    release_all((struct main_frame *)co);
}

static void start(struct main_frame *f, const char *const tags[3], const char *failing)
{
    tw_loop *loop = tw_get_running_loop();
    for (int i = 0; i < 3; i++) {
        struct gate *g = tw_coro_new(gate_body, sizeof *g);
        f->gates[i] = tw_future_new(loop);
        g->fut = f->gates[i];
        g->tag = tags[i];
        g->fail = tags[i] == failing;
        f->tasks[i] = tw_create_task(&g->co, tags[i]);
    }
}

static tw_future *wait_all(struct main_frame *f, tw_return_when when)
{
    void *aws[3] = { tw_ref(f->tasks[0]), tw_ref(f->tasks[1]), tw_ref(f->tasks[2]) };
    return tw_wait(3, aws, TW_FOREVER, when);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    static const char *const abc[] = { "a", "b", "c" }, *const xyz[] = { "x", "y", "z" };
    TW_BEGIN(co);
    start(f, abc, NULL);
    tw_call_soon(loop, open_gate, f->gates[1], NULL);
    TW_AWAIT(co, wait_all(f, TW_FIRST_COMPLETED));
    print_waited("FIRST_COMPLETED", TW_RESULT(co).p);
    tw_future_set_result(f->gates[0], TW_NONE);
    tw_future_set_result(f->gates[2], TW_NONE);
    TW_AWAIT(co, wait_all(f, TW_ALL_COMPLETED));
    print_waited("ALL_COMPLETED", TW_RESULT(co).p);
    release_all(f);

    start(f, xyz, xyz[1]);
    tw_future_set_result(f->gates[0], TW_NONE);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_sleep(0));
    tw_call_soon(loop, open_gate, f->gates[1], NULL);
    TW_AWAIT(co, wait_all(f, TW_FIRST_EXCEPTION));
    {
        const tw_waited *w = TW_RESULT(co).p;
        print_waited("FIRST_EXCEPTION", w);
        printf("pending task cancelled?");
        for (size_t i = 0; i < w->npending; i++)
            printf(" %s", tw_bool_str(tw_future_cancelled(w->pending[i])));
        printf("\n");
    }
    tw_future_set_result(f->gates[2], TW_NONE);
    TW_AWAIT(co, wait_all(f, TW_ALL_COMPLETED));
    for (int i = 0; i < 3; i++) {
        tw_future *t = tw_task_future(f->tasks[i]);
        tw_error *exc;
        tw_value v;
        tw_unref(tw_future_exception(t, &exc));
        if (exc)
            printf("%s: %s\n", tw_task_name(f->tasks[i]), tw_error_type(exc));
        else {
            tw_unref(tw_future_result(t, &v));
            printf("%s: %s\n", tw_task_name(f->tasks[i]), v.s);
        }
        tw_unref(exc);
    }
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
