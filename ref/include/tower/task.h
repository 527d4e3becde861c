#line 120 "chapters/tier4-tasks.nw"
/* tower/task.h -- tasks and the tools built on them (see the book, tier 4) */
#ifndef TOWER_TASK_H
#define TOWER_TASK_H
#include "tower/future.h"

typedef struct tw_task tw_task;

#line 138 "chapters/tier4-tasks.nw"
static inline tw_future *tw_task_future(tw_task *t) { return (tw_future *)(void *)t; }

tw_task *tw_create_task(tw_coro *coro, const char *name);
tw_task *tw_loop_create_task(tw_loop *loop, tw_coro *coro, const char *name);
const char *tw_task_name(const tw_task *t);
void tw_task_set_name(tw_task *t, const char *name);
bool tw_task_cancel(tw_task *t, const char *msg);
int tw_task_cancelling(const tw_task *t);
int tw_task_uncancel(tw_task *t);
tw_task *tw_current_task(void);
size_t tw_all_tasks(tw_loop *loop, tw_task ***tasks);
#line 197 "chapters/tier4-tasks.nw"
tw_error *tw_loop_run_until_complete(tw_loop *loop, void *awaitable, tw_value *result);
tw_error *tw_run(tw_coro *main, tw_value *result);
tw_error *tw_run_clock(tw_coro *main, tw_clock clock, tw_value *result);
#line 233 "chapters/tier4-tasks.nw"
typedef struct tw_contextvar {
    const char *name;
    tw_value default_value;
} tw_contextvar;

#define TW_CONTEXTVAR(name, default_value) { (name), (default_value) }

tw_value tw_contextvar_get(const tw_contextvar *var);
void tw_contextvar_set(const tw_contextvar *var, tw_value value);
#line 269 "chapters/tier4-tasks.nw"
void *tw_sleep(double delay);
void *tw_sleep_value(double delay, tw_value value);
#line 1026 "chapters/tier4-tasks.nw"
#include <math.h>
#define TW_FOREVER INFINITY

typedef struct tw_gathered {
    size_t n;
    const tw_value *values;
    tw_error *const *errors;
} tw_gathered;

tw_future *tw_gather(size_t n, void *const *awaitables, bool return_exceptions);
#line 1051 "chapters/tier4-tasks.nw"
typedef enum tw_return_when {
    TW_ALL_COMPLETED,
    TW_FIRST_COMPLETED,
    TW_FIRST_EXCEPTION
} tw_return_when;

typedef struct tw_waited {
    size_t ndone, npending;
    tw_future *const *done;
    tw_future *const *pending;
} tw_waited;

tw_future *tw_wait(size_t n, void *const *awaitables, double timeout, tw_return_when when);
void *tw_wait_for(void *awaitable, double timeout);
tw_future *tw_shield(void *awaitable);
#line 1088 "chapters/tier4-tasks.nw"
typedef struct tw_as_completed tw_as_completed;

tw_as_completed *tw_as_completed_new(size_t n, void *const *awaitables, double timeout);
size_t tw_as_completed_count(const tw_as_completed *ac);
void *tw_as_completed_next(tw_as_completed *ac);
void tw_as_completed_free(tw_as_completed *ac);
#line 1104 "chapters/tier4-tasks.nw"
typedef struct tw_taskgroup tw_taskgroup;

tw_taskgroup *tw_taskgroup_new(void);
tw_task *tw_taskgroup_create_task(tw_taskgroup *g, tw_coro *coro, const char *name);
void *tw_taskgroup_exit(tw_taskgroup *g, tw_error *body_error);
#line 1124 "chapters/tier4-tasks.nw"
typedef struct tw_timeout tw_timeout;

tw_timeout *tw_timeout_new(double delay);
tw_timeout *tw_timeout_at(double when);
tw_error *tw_timeout_enter(tw_timeout *tm);
tw_error *tw_timeout_exit(tw_timeout *tm, tw_error *body_error);
double tw_timeout_when(const tw_timeout *tm);
tw_error *tw_timeout_reschedule(tw_timeout *tm, double when);
bool tw_timeout_expired(const tw_timeout *tm);
void tw_timeout_free(tw_timeout *tm);

void *tw__coro_take_error(tw_coro *co);
#define TW_TAKE_ERROR(co) ((tw_error *)tw__coro_take_error(co))
#line 132 "chapters/tier4-tasks.nw"
#endif
