#line 214 "chapters/tier5-executors.nw"
/* tower/executor.h -- executors and to_thread (see the book, tier 5) */
#ifndef TOWER_EXECUTOR_H
#define TOWER_EXECUTOR_H
#include "tower/task.h"

#line 233 "chapters/tier5-executors.nw"
typedef struct tw_executor tw_executor;

typedef tw_error *(*tw_work_fn)(void *arg, tw_value *result);
typedef tw_error *(*tw_bytes_fn)(const void *arg, size_t len, tw_bytes **result);

tw_error *tw_thread_pool_new(int max_workers, tw_executor **executor);
tw_error *tw_process_pool_new(int max_workers, tw_executor **executor);
void tw_executor_shutdown(tw_executor *executor, bool wait, bool cancel_futures);
void tw_executor_free(tw_executor *executor);
#line 297 "chapters/tier5-executors.nw"
tw_error *tw_run_in_executor(tw_loop *loop, tw_executor *executor, tw_work_fn fn, void *arg,
                             tw_future **future);
tw_error *tw_run_in_executor_bytes(tw_loop *loop, tw_executor *executor, tw_bytes_fn fn,
                                   const void *arg, size_t len, tw_future **future);
#line 342 "chapters/tier5-executors.nw"
tw_coro *tw_loop_shutdown_default_executor(tw_loop *loop);
tw_coro *tw_to_thread(tw_work_fn fn, void *arg);
#line 222 "chapters/tier5-executors.nw"
#endif
