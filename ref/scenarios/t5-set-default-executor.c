#line 2021 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include "tower.h"

static tw_executor *pool;
static pthread_t pool_thread;

static tw_error *learn_the_pools_thread(void *unused, tw_value *result)
{
    (void)unused;
    (void)result;
    pool_thread = pthread_self();
    return NULL;
}

static tw_error *where(void *unused, tw_value *result)
{
    (void)unused;
    result->s = pthread_equal(pthread_self(), pool_thread) ? "mine" : "another thread";
    return NULL;
}

static tw_future *run_where(tw_loop *loop, tw_executor *executor)
{
    tw_future *fut;
    tw_error *err = tw_run_in_executor(loop, executor, where, NULL, &fut);
    if (err) {
        fut = tw_future_new(loop);
        tw_unref(tw_future_set_exception(fut, err));
    }
    return fut;
}

static void report(const char *if_accepted, const char *if_refused, tw_error *err)
{
    if (err == NULL)
        printf("%s\n", if_accepted);
    else
        printf("%s: %s: %s\n", if_refused, tw_error_type(err), tw_error_message(err));
    tw_unref(err);
}

static void try_a_process_pool(tw_loop *loop)
{
    tw_executor *processes;
    tw_error *err = tw_process_pool_new(1, &processes);
    if (err == NULL) {
        err = tw_loop_set_default_executor(loop, processes);
        tw_executor_free(processes);
    }
    report("set_default_executor(a process pool): accepted",
           "set_default_executor(a process pool)", err);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_future *fut;
    TW_BEGIN(co);
    if (tw_thread_pool_new(1, &pool) != NULL
        || tw_run_in_executor(loop, pool, learn_the_pools_thread, NULL, &fut) != NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "cannot use a thread pool"));
    TW_AWAIT(co, fut);
    tw_unref(tw_loop_set_default_executor(loop, pool));
    TW_AWAIT(co, run_where(loop, NULL));
    printf("run_in_executor(None) runs on: %s\n", TW_RESULT(co).s);
    TW_AWAIT(co, tw_to_thread(where, NULL));
    printf("to_thread runs on: %s\n", TW_RESULT(co).s);
    try_a_process_pool(loop);
    TW_AWAIT(co, run_where(loop, NULL));
    printf("the default is still the thread pool: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    tw_loop *loop;
    tw_future *fut;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL);
    if (err)
        return tw_report_uncaught(err);
    loop = tw_loop_new();
    fut = run_where(loop, pool);
    report("after asyncio.run the pool still accepts work", "after asyncio.run the pool is shut down",
           tw_loop_run_until_complete(loop, fut, NULL));
    tw_loop_free(loop);
    tw_executor_free(pool);
    return 0;
}
