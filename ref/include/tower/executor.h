#line 259 "chapters/tier5-executors.nw"
/* tower/executor.h -- executors and to_thread (see the book, tier 5) */
#ifndef TOWER_EXECUTOR_H
#define TOWER_EXECUTOR_H
#include "tower/task.h"

#line 345 "chapters/tier5-executors.nw"
typedef struct tw_executor tw_executor;

typedef tw_error *(*tw_work_fn)(void *arg, tw_value *result);
typedef tw_error *(*tw_bytes_fn)(const void *arg, size_t len, tw_bytes **result);

tw_error *tw_thread_pool_new(int max_workers, tw_executor **executor);
tw_error *tw_process_pool_new(int max_workers, tw_executor **executor);
void tw_executor_shutdown(tw_executor *executor, bool wait, bool cancel_futures);
void tw_executor_free(tw_executor *executor);
#line 409 "chapters/tier5-executors.nw"
tw_error *tw_run_in_executor(tw_loop *loop, tw_executor *executor, tw_work_fn fn, void *arg,
                             tw_future **future);
tw_error *tw_run_in_executor_bytes(tw_loop *loop, tw_executor *executor, tw_bytes_fn fn,
                                   const void *arg, size_t len, tw_future **future);
#line 454 "chapters/tier5-executors.nw"
tw_error *tw_loop_set_default_executor(tw_loop *loop, tw_executor *executor);
tw_coro *tw_loop_shutdown_default_executor(tw_loop *loop);
tw_coro *tw_to_thread(tw_work_fn fn, void *arg);
#line 283 "chapters/tier5-executors.nw"
typedef struct tw_cfuture tw_cfuture;

tw_cfuture *tw_cfuture_new(void);
tw_error *tw_cfuture_set_result(tw_cfuture *f, tw_value value);
tw_error *tw_cfuture_set_exception(tw_cfuture *f, tw_error *error);
bool tw_cfuture_cancel(tw_cfuture *f);
bool tw_cfuture_cancelled(tw_cfuture *f);
tw_error *tw_cfuture_result(tw_cfuture *f, double timeout, tw_value *result);

tw_cfuture *tw_run_coroutine_threadsafe(tw_coro *coro, tw_loop *loop);
tw_future *tw__wrap_concurrent(tw_loop *loop, tw_cfuture *cf);
tw_future *tw__wrap_asyncio(tw_loop *loop, tw_future *f);
#define tw_wrap_future(loop, f) _Generic((f),                           \
        tw_cfuture *: tw__wrap_concurrent,                              \
        tw_future *: tw__wrap_asyncio)((loop), (f))

#undef TW__KINDS_5
#define TW__KINDS_5(F, x) F(tw_cfuture, x)
#line 268 "chapters/tier5-executors.nw"
#endif
