#line 406 "chapters/tier6-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct woken { size_t n; const char *names[4]; bool result_true[4], held[4]; };

struct waiter { tw_coro co; const char *name; tw_condition *cond; struct woken *woken; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    struct woken *w = f->woken;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    TW_AWAIT_TRY(co, tw_condition_wait(f->cond));
    if (TW_ERROR(co) == NULL) {
        w->names[w->n] = f->name;
        w->result_true[w->n] = TW_RESULT(co).i == 1;
        w->held[w->n++] = tw_condition_locked(f->cond);
    }
    tw_condition_release(f->cond);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

struct settle { tw_coro co; int i; };

static tw_step settle_body(tw_coro *co)
{
    struct settle *f = (struct settle *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 5; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static tw_coro *settle(void) { return tw_coro_new(settle_body, sizeof(struct settle)); }

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_runtime_error(tw_error *e)
{
    bool is = tw_error_is(e, TW_ERR_RUNTIME);
    tw_unref(e);
    return is;
}

struct main_frame { tw_coro co; tw_condition *cond; struct woken woken; void *tasks[4]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char *names[] = { "w0", "w1", "w2", "w3" };
    bool all = true;
    TW_BEGIN(co);
    f->cond = tw_condition_new(NULL);
    for (int i = 0; i < 4; i++) {
        struct waiter *w = tw_coro_new(waiter_body, sizeof *w);
        w->name = names[i];
        w->cond = f->cond;
        w->woken = &f->woken;
        f->tasks[i] = tw_create_task(&w->co, NULL);
    }
    TW_AWAIT(co, settle());
    printf("locked while all wait: %s\n", tw_bool_str(tw_condition_locked(f->cond)));
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify(f->cond, 2);
    tw_condition_release(f->cond);
    TW_AWAIT(co, settle());
    printf("woken by notify(2): %zu\n", f->woken.n);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify_all(f->cond);
    tw_condition_release(f->cond);
    TW_AWAIT(co, tw_gather(4, f->tasks, false));
    printf("woken after notify_all: %zu\n", f->woken.n);
    for (size_t i = 0; i < f->woken.n; i++)
        all = all && f->woken.result_true[i] && f->woken.held[i];
    printf("every wait returned True holding the lock: %s\n", tw_bool_str(all));
    qsort(f->woken.names, f->woken.n, sizeof f->woken.names[0], by_name);
    printf("each waiter woken once: %s %s %s %s\n", f->woken.names[0], f->woken.names[1],
           f->woken.names[2], f->woken.names[3]);
    TW_AWAIT(co, tw_condition_acquire(f->cond));
    tw_condition_notify(f->cond, 5);      /* nobody waits: a no-op */
    tw_condition_release(f->cond);
    printf("notify with no waiters: no-op\n");
    if (is_runtime_error(tw_condition_notify(f->cond, 1)))
        printf("notify without the lock: RuntimeError\n");
    if (is_runtime_error(tw_condition_notify_all(f->cond)))
        printf("notify_all without the lock: RuntimeError\n");
    TW_AWAIT_TRY(co, tw_condition_wait(f->cond));
    if (tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME))
        printf("wait without the lock: RuntimeError\n");
    TW_CLEAR(co);
    tw_unref(f->cond);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
