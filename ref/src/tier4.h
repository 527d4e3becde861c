#line 740 "chapters/tier4-tasks.nw"
/* tier4.h -- what the files of tier 4 (tasks) share; not installed. */
#ifndef TOWER_TIER4_H
#define TOWER_TIER4_H
#include "tier3.h"
#include "tower/task.h"
#include "tower/runner.h"
#include "tower/contextvar.h"
#include "tower/taskgroup.h"
#include "tower/timeout.h"

#line 777 "chapters/tier4-tasks.nw"
struct tw_task {
    tw_future fut;                      /* fut.sub: TW__TASK_MUST_CANCEL, TW__TASK_WAITING */
    tw_coro *top;
    uintptr_t name;                     /* a string, or (number << 1) | 1 */
    struct tw_task *prev, *next;
    struct tw__vars *vars;              /* the task's context */
};
enum { TW__TASK_MUST_CANCEL = 1, TW__TASK_WAITING = 2 };   /* waiting: for top->held */

struct tw__task_rare {
    struct tw__future_rare fut;
    struct tw_ctx *ctx;                 /* the context object it runs in, if given one */
    int32_t num_cancels;
};

static inline struct tw__task_rare *tw__task_rare(tw_task *t)   /* made if need be */
{
    return (struct tw__task_rare *)(void *)tw__future_rare(&t->fut);
}

static inline struct tw_ctx *tw__task_ctx(const tw_task *t)
{
    return t->fut.rare ? ((struct tw__task_rare *)(void *)t->fut.rare)->ctx : NULL;
}

void tw__loop_destroy_tasks(tw_loop *loop);
tw_loop *tw__running_loop(const char *who);
tw_error *tw__set_none_unless_done(tw_future *f);
struct tw__vars;
struct tw_ctx {
    tw_object obj;
    struct tw__vars *vars;
};
void tw__task_run_in(tw_task *t, struct tw_ctx *ctx);
extern _Thread_local struct tw__vars **tw__vars_slot;
struct tw__vars *tw__vars_ref(struct tw__vars *v);
void tw__vars_unref(struct tw__vars *v);
struct tw__vars *tw__vars_current(void);
void tw__vars_thread_exit(void);
#line 892 "chapters/tier4-tasks.nw"
enum { TW__CLOSE_TASKS = 400 };     /* unfinished tasks: the first stage of closing */
#line 751 "chapters/tier4-tasks.nw"
#endif
