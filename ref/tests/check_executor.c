#line 20 "chapters/tier5-tests.nw"
/* check_executor.c -- unit tests of executors, to_thread and context variables */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tower.h"
#include "fatal.h"
#include "../src/tier5.h"

#line 86 "chapters/tier5-tests.nw"
static struct gate {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool open;
    char trace[64];
} gate = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, "" };

static void gate_reset(void)
{
    pthread_mutex_lock(&gate.lock);
    gate.open = false;
    gate.trace[0] = 0;
    pthread_mutex_unlock(&gate.lock);
}

static void gate_open(void)
{
    pthread_mutex_lock(&gate.lock);
    gate.open = true;
    pthread_cond_broadcast(&gate.cond);
    pthread_mutex_unlock(&gate.lock);
}

static tw_error *wait_at_gate(void *tag, tw_value *result)
{
    pthread_mutex_lock(&gate.lock);
    while (!gate.open)
        pthread_cond_wait(&gate.cond, &gate.lock);
    strcat(gate.trace, tag);
    pthread_mutex_unlock(&gate.lock);
    *result = TW_STR(tag);
    return NULL;
}

static tw_error *record(void *tag, tw_value *result)
{
    pthread_mutex_lock(&gate.lock);
    strcat(gate.trace, tag);
    pthread_mutex_unlock(&gate.lock);
    *result = TW_STR(tag);
    return NULL;
}

static tw_error *which_thread(void *arg, tw_value *result)
{
    (void)arg;
    *result = TW_PTR((void *)pthread_self());
    return NULL;
}

static tw_value await_value(tw_loop *L, tw_future *f)
{
    tw_value v = TW_NONE;
    ck_assert_ptr_null(tw_loop_run_until_complete(L, f, &v));
    return v;
}

static tw_future *run_in(tw_loop *L, tw_executor *ex, tw_work_fn fn, void *arg)
{
    tw_future *f;
    ck_assert_ptr_null(tw_run_in_executor(L, ex, fn, arg, &f));
    return f;
}

static void assert_no_children(void)
{
    ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
    ck_assert_int_eq(errno, ECHILD);
}
#line 163 "chapters/tier5-tests.nw"
START_TEST(pool_serves_in_order)
{
    static char *tags[] = { "a", "b", "c", "d", "e" };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f[5];
    gate_reset();
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    f[0] = run_in(L, ex, wait_at_gate, tags[0]);
    for (int i = 1; i < 5; i++)
        f[i] = run_in(L, ex, record, tags[i]);
    gate_open();
    for (int i = 0; i < 5; i++)
        ck_assert_str_eq(await_value(L, f[i]).s, tags[i]);
    ck_assert_str_eq(gate.trace, "abcde");
    tw_executor_free(ex);
    tw_loop_free(L);
}
END_TEST

static pthread_barrier_t four;

static tw_error *meet(void *arg, tw_value *result)
{
    (void)arg;
    pthread_barrier_wait(&four);
    return which_thread(NULL, result);
}

START_TEST(pool_starts_threads_only_when_busy)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f[4];
    void *first, *threads[4];
    ck_assert_ptr_null(tw_thread_pool_new(4, &ex));
    first = await_value(L, run_in(L, ex, which_thread, NULL)).p;
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_eq(await_value(L, run_in(L, ex, which_thread, NULL)).p, first);
    pthread_barrier_init(&four, NULL, 4);
    for (int i = 0; i < 4; i++)
        f[i] = run_in(L, ex, meet, NULL);
    for (int i = 0; i < 4; i++)
        threads[i] = await_value(L, f[i]).p;
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            ck_assert_ptr_ne(threads[i], threads[j]);
    pthread_barrier_destroy(&four);
    tw_executor_free(ex);
    tw_loop_free(L);
}
END_TEST
#line 224 "chapters/tier5-tests.nw"
START_TEST(shutdown_waits_then_refuses)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f, *g;
    tw_error *e;
    gate_reset();
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    f = run_in(L, ex, record, "r");
    tw_executor_shutdown(ex, true, false);
    ck_assert_str_eq(gate.trace, "r");
    e = tw_run_in_executor(L, ex, record, "x", &g);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_message(e), "cannot schedule new futures after shutdown");
    ck_assert_ptr_null(g);
    tw_unref(e);
    ck_assert_str_eq(await_value(L, f).s, "r");
    tw_executor_free(ex);
    tw_loop_free(L);
}
END_TEST

START_TEST(shutdown_can_cancel_the_queue)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *running, *queued;
    struct timespec moment = { 0, 20000000 };
    gate_reset();
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    running = run_in(L, ex, wait_at_gate, "r");
    queued = run_in(L, ex, record, "q");
    nanosleep(&moment, NULL);           /* let the thread take the first call */
    tw_executor_shutdown(ex, false, true);
    gate_open();
    ck_assert_str_eq(await_value(L, tw_ref(running)).s, "r");
    tw_unref(tw_loop_run_until_complete(L, tw_ref(queued), NULL));
    ck_assert(tw_future_cancelled(queued));
    tw_executor_free(ex);
    ck_assert_str_eq(gate.trace, "r");
    tw_unref(running);
    tw_unref(queued);
    tw_loop_free(L);
}
END_TEST

START_TEST(cancelled_call_never_starts)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *running, *queued;
    gate_reset();
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    running = run_in(L, ex, wait_at_gate, "r");
    queued = run_in(L, ex, record, "q");
    ck_assert(tw_future_cancel(queued, NULL));
    gate_open();
    await_value(L, running);
    tw_executor_free(ex);
    ck_assert_str_eq(gate.trace, "r");
    tw_unref(queued);
    tw_loop_free(L);
}
END_TEST

START_TEST(bad_max_workers)
{
    tw_executor *ex = (tw_executor *)&ex;
    tw_error *e = tw_thread_pool_new(-1, &ex);
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    ck_assert_ptr_null(ex);
    tw_unref(e);
    e = tw_process_pool_new(-2, &ex);
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    tw_unref(e);
}
END_TEST
#line 838 "chapters/tier5-tests.nw"
static tw_error *sigint_blocked(void *arg, tw_value *result)
{
    sigset_t mask;
    (void)arg;
    pthread_sigmask(SIG_BLOCK, NULL, &mask);
    *result = TW_INT(sigismember(&mask, SIGINT) == 1 && sigismember(&mask, SIGTERM) == 1);
    return NULL;
}

START_TEST(pool_threads_block_every_signal)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    ck_assert_int_eq(await_value(L, run_in(L, ex, sigint_blocked, NULL)).i, 1);
    tw_executor_free(ex);
    tw_loop_free(L);
}
END_TEST
#line 952 "chapters/tier5-tests.nw"
static int threads_now(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/task");
    ck_assert_ptr_nonnull(d);
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n - 2;                       /* not . and .. */
}

START_TEST(the_default_pool_has_processors_plus_four_threads)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int n = cpus + 4 < 32 ? (int)cpus + 4 : 32, before;
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f[33];
    gate_reset();
    before = threads_now();
    ck_assert_ptr_null(tw_thread_pool_new(0, &ex));
    for (int i = 0; i <= n; i++)
        f[i] = run_in(L, ex, wait_at_gate, "");
    ck_assert_int_eq(threads_now() - before, n);
    gate_open();
    for (int i = 0; i <= n; i++)
        await_value(L, f[i]);
    tw_executor_free(ex);
    tw_loop_free(L);
}
END_TEST
#line 310 "chapters/tier5-tests.nw"
static tw_error *reverse(const void *arg, size_t len, tw_bytes **result)
{
    const unsigned char *in = arg;
    *result = tw_bytes_new(NULL, len);
    for (size_t i = 0; i < len; i++)
        (*result)->data[i] = in[len - 1 - i];
    return NULL;
}

START_TEST(bytes_cross_both_pools)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *pools[2];
    ck_assert_ptr_null(tw_thread_pool_new(1, &pools[0]));
    ck_assert_ptr_null(tw_process_pool_new(1, &pools[1]));
    for (int i = 0; i < 2; i++) {
        tw_future *f;
        tw_value v;
        const tw_bytes *b;
        ck_assert_ptr_null(tw_run_in_executor_bytes(L, pools[i], reverse, "abc\0d", 5, &f));
        ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_ref(f), NULL));
        ck_assert_ptr_null(tw_future_result(f, &v));
        b = v.p;                        /* the future owns it */
        ck_assert_uint_eq(b->len, 5);
        ck_assert_int_eq(memcmp(b->data, "d\0cba", 5), 0);
        tw_unref(f);
        tw_executor_free(pools[i]);
    }
    tw_loop_free(L);
    assert_no_children();
}
END_TEST

static tw_error *raise_group(const void *arg, size_t len, tw_bytes **result)
{
    tw_error *items[2];
    (void)arg;
    (void)len;
    (void)result;
    items[0] = tw_os_error_new(ENOENT, "missing.txt");
    items[1] = tw_error_user("MyError", "mine");
    return tw_error_group("two problems", 2, items);
}

START_TEST(errors_cross_a_process)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f;
    tw_error *e, *os;
    ck_assert_ptr_null(tw_process_pool_new(1, &ex));
    ck_assert_ptr_null(tw_run_in_executor_bytes(L, ex, raise_group, NULL, 0, &f));
    e = tw_loop_run_until_complete(L, f, NULL);
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_GROUP);
    ck_assert_str_eq(tw_error_message(e), "two problems");
    ck_assert_uint_eq(tw_error_count(e), 2);
    os = tw_error_item(e, 0);
    ck_assert(tw_error_is(os, TW_ERR_FILE_NOT_FOUND) && tw_error_is(os, TW_ERR_OS));
    ck_assert_str_eq(tw_error_type(os), "FileNotFoundError");
    ck_assert_int_eq(tw_os_error_errno(os), ENOENT);
    ck_assert_str_eq(tw_os_error_filename(os), "missing.txt");
    ck_assert_str_eq(tw_error_message(os), "[Errno 2] No such file or directory: 'missing.txt'");
    ck_assert_str_eq(tw_error_type(tw_error_item(e, 1)), "MyError");
    ck_assert_str_eq(tw_error_message(tw_error_item(e, 1)), "mine");
    tw_unref(e);
    tw_executor_free(ex);
    tw_loop_free(L);
    assert_no_children();
}
END_TEST

static tw_error *die(void *arg, tw_value *result)
{
    (void)arg;
    (void)result;
    _exit(7);
}

START_TEST(dead_worker_breaks_the_pool)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f, *g;
    tw_error *e;
    ck_assert_ptr_null(tw_process_pool_new(2, &ex));
    f = run_in(L, ex, die, NULL);
    e = tw_loop_run_until_complete(L, f, NULL);
    ck_assert(tw_error_is(e, TW_ERR_BROKEN_PROCESS_POOL) && tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_message(e), "A process in the process pool was terminated "
                     "abruptly while the future was running or pending.");
    tw_unref(e);
    e = tw_run_in_executor(L, ex, die, NULL, &g);
    ck_assert(tw_error_is(e, TW_ERR_BROKEN_PROCESS_POOL));
    ck_assert_str_eq(tw_error_type(e), "BrokenProcessPool");
    tw_unref(e);
    tw_executor_free(ex);
    tw_loop_free(L);
    assert_no_children();
}
END_TEST
#line 860 "chapters/tier5-tests.nw"
static int open_descriptors(void)
{
    int n = 0;
    for (int fd = 0; fd < 1024; fd++)
        n += fcntl(fd, F_GETFD) >= 0;
    return n;
}

START_TEST(a_process_pool_leaves_no_descriptor)
{
    int before = open_descriptors();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f;
    tw_value v;
    ck_assert_ptr_null(tw_process_pool_new(2, &ex));
    ck_assert_ptr_null(tw_run_in_executor_bytes(L, ex, reverse, "abc", 3, &f));
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_ref(f), NULL));
    ck_assert_ptr_null(tw_future_result(f, &v));
    ck_assert_int_eq(memcmp(((const tw_bytes *)v.p)->data, "cba", 3), 0);
    tw_unref(f);
    tw_executor_shutdown(ex, true, false);
    tw_executor_free(ex);
    tw_loop_free(L);
    ck_assert_int_eq(open_descriptors(), before);
    assert_no_children();
}
END_TEST
#line 899 "chapters/tier5-tests.nw"
static void ignore_signal(int sig)
{
    (void)sig;
}

static tw_error *tell_pid(const void *arg, size_t len, tw_bytes **result)
{
    pid_t pid = getpid();
    (void)arg;
    (void)len;
    *result = tw_bytes_new(&pid, sizeof pid);
    return NULL;
}

START_TEST(a_worker_interrupted_by_a_signal_reads_again)
{
    struct sigaction sa = { .sa_handler = ignore_signal }, old;
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f;
    tw_value v;
    pid_t pid;
    sigemptyset(&sa.sa_mask);
    ck_assert_int_eq(sigaction(SIGUSR1, &sa, &old), 0);
    ck_assert_ptr_null(tw_process_pool_new(1, &ex));
    ck_assert_ptr_null(tw_run_in_executor_bytes(L, ex, tell_pid, "", 0, &f));
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_ref(f), NULL));
    ck_assert_ptr_null(tw_future_result(f, &v));
    memcpy(&pid, ((const tw_bytes *)v.p)->data, sizeof pid);
    tw_unref(f);
    ck_assert_int_eq(kill(pid, SIGUSR1), 0);
    ck_assert_ptr_null(tw_run_in_executor_bytes(L, ex, reverse, "ab", 2, &f));
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_ref(f), NULL));
    ck_assert_ptr_null(tw_future_result(f, &v));
    ck_assert_int_eq(memcmp(((const tw_bytes *)v.p)->data, "ba", 2), 0);
    tw_unref(f);
    tw_executor_free(ex);
    tw_loop_free(L);
    sigaction(SIGUSR1, &old, NULL);
    assert_no_children();
}
END_TEST
#line 421 "chapters/tier5-tests.nw"
static tw_error *nap(void *arg, tw_value *result)
{
    struct timespec d = { 0, 20000000 };
    (void)arg;
    nanosleep(&d, NULL);
    *result = TW_INT(1);
    return NULL;
}

static tw_error *stop_loop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

START_TEST(a_call_holds_the_virtual_clock)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    double start = tw_loop_time(L);
    tw_call_later(L, 3600, stop_loop, L, NULL);
    ck_assert_int_eq(await_value(L, run_in(L, NULL, nap, NULL)).i, 1);
    ck_assert(tw_loop_time(L) - start < 3600);
    tw_loop_free(L);
}
END_TEST

START_TEST(closed_loop_orphans_its_calls)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    tw_future *f;
    gate_reset();
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    f = run_in(L, ex, wait_at_gate, "late");
    tw_unref(f);
    tw_loop_free(L);
    gate_open();
    tw_executor_free(ex);
    ck_assert_str_eq(gate.trace, "late");
}
END_TEST

START_TEST(default_executor_shutdown_refuses)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f;
    tw_error *e;
    ck_assert_int_eq(await_value(L, run_in(L, NULL, nap, NULL)).i, 1);
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_loop_shutdown_default_executor(L),
                                                  NULL));
    e = tw_run_in_executor(L, NULL, nap, NULL, &f);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_message(e), "Executor shutdown has been called");
    tw_unref(e);
    tw_loop_free(L);
}
END_TEST
#line 485 "chapters/tier5-tests.nw"
static const tw_contextvar color = TW_CONTEXTVAR("color", TW_STR("none"));

static tw_step child_body(tw_coro *co)
{
    TW_BEGIN(co);
    ck_assert_str_eq(tw_contextvar_get(&color).s, "red");
    tw_contextvar_set(&color, TW_STR("blue"));
    TW_YIELD(co);
    ck_assert_str_eq(tw_contextvar_get(&color).s, "blue");
    TW_END(co);
}

static tw_step parent_body(tw_coro *co)
{
    static tw_task *child;
    TW_BEGIN(co);
    ck_assert_str_eq(tw_contextvar_get(&color).s, "none");
    tw_contextvar_set(&color, TW_STR("red"));
    child = tw_create_task(tw_coro_new(child_body, sizeof(tw_coro)), NULL);
    tw_contextvar_set(&color, TW_STR("green"));
    TW_AWAIT(co, child);
    ck_assert_str_eq(tw_contextvar_get(&color).s, "green");
    TW_END(co);
}

START_TEST(tasks_copy_their_context)
{
    ck_assert_ptr_null(tw_run(tw_coro_new(parent_body, sizeof(tw_coro)), NULL));
    ck_assert_str_eq(tw_contextvar_get(&color).s, "none");
}
END_TEST
#line 525 "chapters/tier5-tests.nw"
static tw_step paint(tw_coro *co)
{
    TW_BEGIN(co);
    tw_contextvar_set(&color, TW_STR(tw_contextvar_get(&color).s[0] == 'n' ? "red" : "blue"));
    TW_RETURN(co, tw_contextvar_get(&color));
    TW_END(co);
}

START_TEST(a_runner_keeps_its_loop_and_context)
{
    tw_runner *r = tw_runner_new(TW_CLOCK_VIRTUAL);
    tw_loop *first, *second;
    tw_value v;
    tw_runner_close(r);                             /* never used: nothing to close */
    ck_assert_ptr_null(tw_runner_get_loop(r, &first));
    ck_assert_ptr_null(tw_runner_run(r, tw_coro_call(paint), NULL, &v));
    ck_assert_str_eq(v.s, "red");
    ck_assert_ptr_null(tw_runner_run(r, tw_coro_call(paint), NULL, &v));
    ck_assert_str_eq(v.s, "blue");
    ck_assert_ptr_null(tw_runner_get_loop(r, &second));
    ck_assert_ptr_eq(first, second);
    ck_assert_str_eq(tw_contextvar_get(&color).s, "none");
    tw_runner_free(r);
}
END_TEST
#line 561 "chapters/tier5-tests.nw"
static void assert_described(tw_cfuture *f, const char *state)
{
    char *text = described((tw_object *)(void *)f);
    ck_assert_msg(strncmp(text, "<Future at 0x", 13) == 0, "%s", text);
    ck_assert_msg(strstr(text, state) != NULL, "%s", text);
    free(text);
}

START_TEST(a_concurrent_future_ends_once)
{
    tw_cfuture *f = tw_cfuture_new();
    tw_value v;
    tw_error *e;
    assert_described(f, " state=pending>");
    ck_assert_ptr_null(tw_cfuture_set_result(f, TW_INT(7)));
    assert_described(f, " state=finished>");
    e = tw_cfuture_set_result(f, TW_INT(8));
    ck_assert(tw_error_is(e, TW_ERR_INVALID_STATE));
    tw_unref(e);
    ck_assert(!tw_cfuture_cancel(f));
    ck_assert_ptr_null(tw_cfuture_result(f, TW_FOREVER, &v));
    ck_assert_int_eq(v.i, 7);
    tw_unref(f);

    f = tw_cfuture_new();
    ck_assert(tw_cfuture_cancel(f));
    ck_assert(tw_cfuture_cancelled(f));
    assert_described(f, " state=cancelled>");
    e = tw_cfuture_set_exception(f, tw_error_new(TW_ERR_VALUE, "late"));
    ck_assert(tw_error_is(e, TW_ERR_INVALID_STATE));
    tw_unref(e);
    e = tw_cfuture_result(f, 0, &v);
    ck_assert(tw_error_is(e, TW_ERR_CANCELLED));
    tw_unref(e);
    tw_unref(f);
}
END_TEST

START_TEST(a_pending_result_times_out)
{
    tw_cfuture *f = tw_cfuture_new();
    tw_value v;
    tw_error *e = tw_cfuture_result(f, 0.01, &v);
    ck_assert(tw_error_is(e, TW_ERR_TIMEOUT));
    tw_unref(e);
    ck_assert(tw_cfuture_cancel(f));
    tw_unref(f);
}
END_TEST
#line 624 "chapters/tier5-tests.nw"
static tw_step must_not_run(tw_coro *co)
{
    TW_BEGIN(co);
    strcat(gate.trace, "ran");
    TW_END(co);
}

START_TEST(a_hand_over_cancelled_or_refused_never_runs)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_cfuture *cf;
    tw_value v;
    tw_error *e;
    gate_reset();
    cf = tw_run_coroutine_threadsafe(tw_coro_new(must_not_run, sizeof(tw_coro)), L);
    ck_assert(tw_cfuture_cancel(cf));
    ck_assert_ptr_null(tw_call_soon(L, stop_loop, L, NULL));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(gate.trace, "");
    tw_unref(cf);
    ck_assert_ptr_null(tw_loop_close(L));
    cf = tw_run_coroutine_threadsafe(tw_coro_new(must_not_run, sizeof(tw_coro)), L);
    e = tw_cfuture_result(cf, TW_FOREVER, &v);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_message(e), "Event loop is closed");
    tw_unref(e);
    tw_unref(cf);
    ck_assert_str_eq(gate.trace, "");
    tw_loop_free(L);
}
END_TEST

START_TEST(a_closed_loop_drops_outcomes_it_never_collected)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_executor *ex;
    gate_reset();
    ck_assert_ptr_null(tw_thread_pool_new(1, &ex));
    tw_unref(run_in(L, ex, record, "done"));
    tw_executor_shutdown(ex, true, false);      /* the call has finished: its outcome waits */
    ck_assert_str_eq(gate.trace, "done");
    tw_loop_free(L);
    tw_executor_free(ex);
}
END_TEST

static void *complete_later(void *f)
{
    ck_assert_ptr_null(tw_cfuture_set_result(f, TW_INT(3)));
    return NULL;
}

START_TEST(a_waiter_with_no_time_limit_wakes_on_completion)
{
    tw_cfuture *f = tw_cfuture_new();
    pthread_t other;
    tw_value v;
    ck_assert_int_eq(pthread_create(&other, NULL, complete_later, f), 0);
    ck_assert_ptr_null(tw_cfuture_result(f, TW_FOREVER, &v));
    ck_assert_int_eq(v.i, 3);
    ck_assert_ptr_null(tw_cfuture_result(f, 0, NULL));
    ck_assert_int_eq(pthread_join(other, NULL), 0);
    tw_unref(f);
}
END_TEST
#line 708 "chapters/tier5-tests.nw"
struct exit_seen { tw_loop *loop; int code; };

static void note_exit(void *arg, int returncode)
{
    struct exit_seen *e = arg;
    e->code = returncode;
    tw_loop_stop(e->loop);
}

static tw_error *no_signal(void *arg)
{
    (void)arg;
    return NULL;
}

static int lowest_free(void)
{
    int fd = dup(2);
    close(fd);
    return fd;
}

static void without_standard_descriptors(void *arg)
{
    static char *const argv[] = { "sh", "-c", "exit 5", NULL }, *const sleeps[] = { "sleep", "10", NULL };
    tw_subprocess_options o = { .std_in = TW_PIPE, .std_out = TW_DEVNULL, .std_err = TW_STDOUT };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL), *L0;
    struct exit_seen seen = { L, -1 };
    int parent_end[3] = { -1, -1, -1 };
    tw__child *c = NULL;
    bool ok;
    (void)arg;
    close(0);
    close(1);
    L0 = tw_loop_new_clock(TW_CLOCK_VIRTUAL);       /* its own descriptors are 0 and 1 */
    ok = tw_call_soon(L0, stop_loop, L0, NULL) == NULL && tw_loop_run_forever(L0) == NULL;
    tw_loop_free(L0);
    ok = ok && lowest_free() == 0
         && tw__child_spawn(L, argv, &o, note_exit, &seen, parent_end, &c) == NULL
         && parent_end[0] > 2
         && tw_loop_run_forever(L) == NULL && seen.code == 5;
    close(parent_end[0]);
    if (c) {
        tw__child_release(c);
        tw_unref(&c->obj);
        c = NULL;
    }
    ok = ok && tw__child_spawn(L, sleeps, NULL, NULL, NULL, parent_end, &c) == NULL;
    if (c) {                                        /* its pidfd, if any, is 0 */
        tw_error *e = tw__child_send_signal(c, 1000);
        ok = ok && tw_os_error_errno(e) == EINVAL;
        tw_unref(e);
        tw__child_release(c);
        tw_unref(&c->obj);
    }
    ok = ok && lowest_free() == 0
         && tw_loop_add_signal_handler(L, SIGUSR1, no_signal, NULL) == NULL   /* at 0 */
         && tw_loop_add_signal_handler(L, SIGUSR2, no_signal, NULL) == NULL
         && tw_loop_remove_signal_handler(L, SIGUSR1) && tw_loop_remove_signal_handler(L, SIGUSR2);
    tw_loop_free(L);
    fputs(ok ? "child passed\n" : "child failed\n", stderr);
}

/* run a check in a child of its own, which says its verdict on standard error */
static void expect_child_passes(void (*check)(void *))
{
    char err[512];
    run_child(check, NULL, err, sizeof err);
    ck_assert_msg(strstr(err, "child passed\n") != NULL, "%s", err);
}

START_TEST(runs_without_standard_descriptors)
{
    expect_child_passes(without_standard_descriptors);
}
END_TEST
#line 796 "chapters/tier5-tests.nw"
static void without_standard_input(void *arg)
{
    static char *const argv[] = { "cat", NULL };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct exit_seen seen = { L, -1 };
    int in[2], parent_end[3];
    tw__child *c = NULL;
    bool ok;
    (void)arg;
    ok = pipe(in) == 0 && write(in[1], "x", 1) == 1;
    close(in[1]);
    close(0);
    {
        tw_subprocess_options o = { .std_in = TW_FD(in[0]), .std_out = TW_DEVNULL };
        ok = ok && tw__child_spawn(L, argv, &o, note_exit, &seen, parent_end, &c) == NULL
             && tw_loop_run_forever(L) == NULL && seen.code == 0;
    }
    if (c) {
        tw__child_release(c);
        tw_unref(&c->obj);
    }
    close(in[0]);
    tw_loop_free(L);
    fputs(ok ? "child passed\n" : "child failed\n", stderr);
}

START_TEST(runs_without_standard_input)
{
    expect_child_passes(without_standard_input);
}
END_TEST
#line 1000 "chapters/tier5-tests.nw"
static int run_to_exit(tw_loop *L, char *const *argv, const char *const *env, tw_error **err)
{
    tw_subprocess_options o = { .env = env };
    struct exit_seen seen = { L, -1000 };
    int parent_end[3];
    tw__child *c;
    *err = tw__child_spawn(L, argv, &o, note_exit, &seen, parent_end, &c);
    if (*err)
        return -1000;
    ck_assert_ptr_null(tw_loop_run_forever(L));
    tw__child_release(c);
    tw_unref(&c->obj);
    return seen.code;
}

START_TEST(spawn_refuses_bad_options_and_a_closed_loop)
{
    static char *const argv[] = { "true", NULL };
    tw_subprocess_options o = { .std_in = TW_PIPE, .std_out = -7 };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    int parent_end[3], before = lowest_free();
    tw__child *c;
    tw_future *f;
    tw_error *e = tw__child_spawn(L, argv, &o, NULL, NULL, parent_end, &c);
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    ck_assert_str_eq(tw_error_message(e), "invalid stream option -7 for descriptor 1");
    ck_assert_ptr_null(c);
    ck_assert_int_eq(parent_end[0], -1);
    ck_assert_int_eq(lowest_free(), before);
    tw_unref(e);
    e = tw_loop_set_default_executor(L, NULL);
    ck_assert(tw_error_is(e, TW_ERR_TYPE));
    ck_assert_str_eq(tw_error_message(e), "executor must be ThreadPoolExecutor instance");
    tw_unref(e);
    ck_assert_ptr_null(tw_loop_close(L));
    e = tw__child_spawn(L, argv, NULL, NULL, NULL, parent_end, &c);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_message(e), "Event loop is closed");
    tw_unref(e);
    e = tw_run_in_executor(L, NULL, nap, NULL, &f);
    ck_assert_str_eq(tw_error_message(e), "Event loop is closed");
    ck_assert_ptr_null(f);
    tw_unref(e);
    tw_loop_free(L);
}
END_TEST

START_TEST(the_program_is_searched_as_execvp_does)
{
    char dir[] = "/tmp/tower-path-XXXXXXXX", file[64], path[96];
    static char *const truth[] = { "true", NULL }, *const locked[] = { "tower-locked", NULL };
    const char *no_path[] = { "HOME=/", NULL }, *odd_path[] = { "PATHLIKE=/nowhere", "PATH=:/nowhere:/usr/bin:/bin", NULL };
    const char *with_locked[] = { path, NULL };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_error *e;
    int fd;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/tower-locked", dir);
    snprintf(path, sizeof path, "PATH=/nowhere:%s:/nowhere-else", dir);
    ck_assert_int_ge(fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644), 0);
    close(fd);
    ck_assert_int_eq(run_to_exit(L, truth, no_path, &e), 0);
    ck_assert_ptr_null(e);
    ck_assert_int_eq(run_to_exit(L, truth, odd_path, &e), 0);
    ck_assert_ptr_null(e);
    run_to_exit(L, locked, with_locked, &e);
    ck_assert_int_eq(tw_os_error_errno(e), EACCES);
    ck_assert_str_eq(tw_error_type(e), "PermissionError");
    tw_unref(e);
    unlink(file);
    rmdir(dir);
    tw_loop_free(L);
    assert_no_children();
}
END_TEST

#line 44 "chapters/tier5-tests.nw"
Suite *tw_executor_suite(void)
{
    Suite *s = suite_create("executor");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, pool_serves_in_order);
    tcase_add_test(tc, pool_starts_threads_only_when_busy);
    tcase_add_test(tc, shutdown_waits_then_refuses);
    tcase_add_test(tc, shutdown_can_cancel_the_queue);
    tcase_add_test(tc, cancelled_call_never_starts);
    tcase_add_test(tc, bad_max_workers);
    tcase_add_test(tc, pool_threads_block_every_signal);
    tcase_add_test(tc, the_default_pool_has_processors_plus_four_threads);
    tcase_add_test(tc, a_process_pool_leaves_no_descriptor);
    tcase_add_test(tc, a_worker_interrupted_by_a_signal_reads_again);
    tcase_add_test(tc, bytes_cross_both_pools);
    tcase_add_test(tc, errors_cross_a_process);
    tcase_add_test(tc, dead_worker_breaks_the_pool);
    tcase_add_test(tc, a_call_holds_the_virtual_clock);
    tcase_add_test(tc, closed_loop_orphans_its_calls);
    tcase_add_test(tc, default_executor_shutdown_refuses);
    tcase_add_test(tc, tasks_copy_their_context);
    tcase_add_test(tc, a_concurrent_future_ends_once);
    tcase_add_test(tc, a_pending_result_times_out);
    tcase_add_test(tc, a_hand_over_cancelled_or_refused_never_runs);
    tcase_add_test(tc, a_closed_loop_drops_outcomes_it_never_collected);
    tcase_add_test(tc, a_waiter_with_no_time_limit_wakes_on_completion);
    tcase_add_test(tc, a_runner_keeps_its_loop_and_context);
    tcase_add_test(tc, runs_without_standard_descriptors);
    tcase_add_test(tc, runs_without_standard_input);
    tcase_add_test(tc, spawn_refuses_bad_options_and_a_closed_loop);
    tcase_add_test(tc, the_program_is_searched_as_execvp_does);
    suite_add_tcase(s, tc);
    return s;
}
