#line 211 "chapters/tier5-executors.nw"
/* tower/executor.h -- executors, to_thread and context variables (see the book, tier 5) */
#ifndef TOWER_EXECUTOR_H
#define TOWER_EXECUTOR_H
#include "tower/task.h"

#line 233 "chapters/tier5-executors.nw"
typedef struct tw_contextvar {
    const char *name;
    tw_value default_value;
} tw_contextvar;

#define TW_CONTEXTVAR(name, default_value) { (name), (default_value) }

tw_value tw_contextvar_get(const tw_contextvar *var);
void tw_contextvar_set(const tw_contextvar *var, tw_value value);
#line 273 "chapters/tier5-executors.nw"
typedef struct tw_executor tw_executor;

typedef tw_error *(*tw_work_fn)(void *arg, tw_value *result);
typedef tw_error *(*tw_bytes_fn)(const void *arg, size_t len, tw_bytes **result);

tw_error *tw_thread_pool_new(int max_workers, tw_executor **executor);
tw_error *tw_process_pool_new(int max_workers, tw_executor **executor);
void tw_executor_shutdown(tw_executor *executor, bool wait, bool cancel_futures);
void tw_executor_free(tw_executor *executor);
#line 337 "chapters/tier5-executors.nw"
tw_error *tw_run_in_executor(tw_loop *loop, tw_executor *executor, tw_work_fn fn, void *arg,
                             tw_future **future);
tw_error *tw_run_in_executor_bytes(tw_loop *loop, tw_executor *executor, tw_bytes_fn fn,
                                   const void *arg, size_t len, tw_future **future);
#line 382 "chapters/tier5-executors.nw"
void *tw_loop_shutdown_default_executor(tw_loop *loop);
void *tw_to_thread(tw_work_fn fn, void *arg);
#line 220 "chapters/tier5-executors.nw"
#endif
