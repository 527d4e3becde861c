#line 686 "chapters/tier4-tasks.nw"
/* tier4.h -- what the files of tier 4 (tasks) share; not installed. */
#ifndef TOWER_TIER4_H
#define TOWER_TIER4_H
#include "tier3.h"
#include "tower/task.h"
#include "tower/runner.h"
#include "tower/contextvar.h"
#include "tower/taskgroup.h"
#include "tower/timeout.h"

#line 716 "chapters/tier4-tasks.nw"
struct tw_task {
    tw_future fut;
    tw_coro *top;
    uintptr_t name;                     /* a string, or (number << 1) | 1 */
    struct tw_task *prev, *next;
    struct tw__vars *vars;              /* the task's context */
    int32_t num_cancels;
    bool must_cancel;
    bool waiting;                       /* for the future top->held */
    struct tw_ctx *ctx;                 /* or the context object it runs in, if given one */
};

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
#line 816 "chapters/tier4-tasks.nw"
enum { TW__CLOSE_TASKS = 400 };     /* unfinished tasks: the first stage of closing */
#line 697 "chapters/tier4-tasks.nw"
#endif
