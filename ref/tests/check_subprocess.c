#line 1106 "chapters/tier7-tests.nw"
/* check_subprocess.c -- unit tests of the subprocess transport */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <stdlib.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "tower.h"
#include "fatal.h"

#line 1148 "chapters/tier7-tests.nw"
static char events[512];

static void event(const char *fmt, int n)
{
    size_t len = strlen(events);
    snprintf(events + len, sizeof events - len, fmt, n);
}

static tw_transport *made_transport;     /* as connection_made gave it, borrowed */

static tw_error *rec_made(tw_protocol *self, tw_transport *t)
{
    (void)self;
    made_transport = t;
    event("made;", 0);
    return NULL;
}

static tw_error *rec_data(tw_protocol *self, int fd, const void *data, size_t len)
{
    (void)self;
    (void)data;
    (void)len;
    if (strstr(events, "data") == NULL)
        event("data(%d);", fd);
    return NULL;
}

static tw_error *rec_pipe_lost(tw_protocol *self, int fd, tw_error *exc)
{
    (void)self;
    event(exc ? "pipe_lost(%d, error);" : "pipe_lost(%d);", fd);
    if (fd == 1)
        tw_transport_close(tw_subprocess_transport_get_pipe_transport(made_transport, 0));
    return NULL;
}

static tw_error *rec_exited(tw_protocol *self)
{
    int code = 0;
    (void)self;
    tw_subprocess_transport_get_returncode(made_transport, &code);
    event("exited(%d);", code);
    return NULL;
}

static tw_error *rec_lost(tw_protocol *self, tw_error *exc)
{
    (void)self;
    event(exc ? "lost(error);" : "lost;", 0);
    tw_loop_stop(tw_get_running_loop());
    return NULL;
}

static const tw_protocol_class recorder_class = {
    .name = "Recorder",
    .kind = TW_PROTOCOL_SUBPROCESS,
    .connection_made = rec_made,
    .connection_lost = rec_lost,
    .pipe_data_received = rec_data,
    .pipe_connection_lost = rec_pipe_lost,
    .process_exited = rec_exited,
};

static tw_protocol recorder_object = { { TW_KIND_OBJECT, -1, NULL }, &recorder_class, false };
static tw_protocol *const recorder = &recorder_object;  /* immortal: never counted, never freed */

static void assert_no_children(void)
{
    ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
    ck_assert_int_eq(errno, ECHILD);
}
#line 1223 "chapters/tier7-tests.nw"
START_TEST(exec_failure_is_file_not_found)
{
    static const char *const argv[] = { "tower-no-such-program", NULL };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t = NULL;
    tw_error *e = tw_loop_subprocess_exec(L, recorder, argv, NULL, &t);
    ck_assert(tw_error_is(e, TW_ERR_FILE_NOT_FOUND));
    ck_assert_int_eq(tw_os_error_errno(e), ENOENT);
    ck_assert_str_eq(tw_os_error_filename(e), "tower-no-such-program");
    ck_assert_str_eq(tw_error_str(e),
                     "[Errno 2] No such file or directory: 'tower-no-such-program'");
    ck_assert_ptr_null(t);
    tw_unref(e);
    assert_no_children();
    tw_loop_free(L);
}
END_TEST

START_TEST(chdir_failure_names_the_directory)
{
    static const char *const argv[] = { "/bin/true", NULL };
    tw_subprocess_options o = { .cwd = "/nonexistent-tower-dir" };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t;
    tw_error *e = tw_loop_subprocess_exec(L, recorder, argv, &o, &t);
    ck_assert(tw_error_is(e, TW_ERR_FILE_NOT_FOUND));
    ck_assert_str_eq(tw_os_error_filename(e), "/nonexistent-tower-dir");
    tw_unref(e);
    assert_no_children();
    tw_loop_free(L);
}
END_TEST

static int exit_status(const char *const *argv)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t;
    int code = -1;
    events[0] = 0;
    ck_assert_ptr_null(tw_loop_subprocess_exec(L, recorder, argv, NULL, &t));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    tw_subprocess_transport_get_returncode(t, &code);
    tw_unref(t);
    tw_loop_free(L);
    return code;
}

START_TEST(child_inherits_only_its_streams)
{
    int fd = dup(1);                    /* not close-on-exec */
    char script[64];
    const char *argv[] = { "/bin/sh", "-c", script, NULL };
    snprintf(script, sizeof script, "test -e /proc/self/fd/%d", fd);
    ck_assert_int_eq(exit_status(argv), 1);
    snprintf(script, sizeof script, "test -e /proc/self/fd/2");
    ck_assert_int_eq(exit_status(argv), 0);
    close(fd);
    assert_no_children();
}
END_TEST

START_TEST(bad_options_are_value_errors)
{
    static const char *const argv[] = { "/bin/true", NULL }, *const none[] = { NULL };
    tw_subprocess_options o = { .std_out = TW_STDOUT };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t;
    tw_error *e = tw_loop_subprocess_exec(L, recorder, argv, &o, &t);
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    tw_unref(e);
    e = tw_loop_subprocess_exec(L, recorder, none, NULL, &t);
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    tw_unref(e);
    assert_no_children();
    tw_loop_free(L);
}
END_TEST
#line 1303 "chapters/tier7-tests.nw"
START_TEST(protocol_callbacks_in_order)
{
    static const char *const argv[] =
        { "/bin/sh", "-c", "printf hello; exec 1>&-; cat >/dev/null; exit 3", NULL };
    tw_subprocess_options o = { .std_in = TW_PIPE, .std_out = TW_PIPE, .std_err = TW_DEVNULL };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t;
    tw_error *e;
    int code = 0;
    events[0] = 0;
    ck_assert_ptr_null(tw_loop_subprocess_exec(L, recorder, argv, &o, &t));
    ck_assert_ptr_null(tw_subprocess_transport_get_pipe_transport(t, 2));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(events, "made;data(1);pipe_lost(1);pipe_lost(0);exited(3);lost;");
    ck_assert(tw_subprocess_transport_get_returncode(t, &code));
    ck_assert_int_eq(code, 3);
    e = tw_subprocess_transport_kill(t);
    ck_assert(tw_error_is(e, TW_ERR_PROCESS_LOOKUP));
    tw_unref(e);
    tw_transport_close(t);
    tw_unref(t);
    assert_no_children();
    tw_loop_free(L);
}
END_TEST

START_TEST(close_kills_and_reaps)
{
    static const char *const argv[] = { "sleep", "10", NULL };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t;
    int code = 0;
    events[0] = 0;
    ck_assert_ptr_null(tw_loop_subprocess_exec(L, recorder, argv, NULL, &t));
    tw_transport_close(t);
    ck_assert(tw_transport_is_closing(t));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert(tw_subprocess_transport_get_returncode(t, &code));
    ck_assert_int_eq(code, -SIGKILL);
    tw_unref(t);
    assert_no_children();
    tw_loop_free(L);
}
END_TEST

START_TEST(closing_loop_reaps_children)
{
    static const char *const argv[] = { "sleep", "10", NULL };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_transport *t;
    pid_t pid;
    ck_assert_ptr_null(tw_loop_subprocess_exec(L, recorder, argv, NULL, &t));
    pid = tw_subprocess_transport_get_pid(t);
    tw_unref(t);
    tw_loop_free(L);
    assert_no_children();
    ck_assert_int_eq(kill(pid, 0), -1);
}
END_TEST
#line 1374 "chapters/tier7-tests.nw"
/* Install a seccomp filter in this process, or leave with status 77 where none can be. */
/* Valgrind runs the program's system calls through its own emulation (a
   vfork becomes its fork, for one): a filter there would judge valgrind, not
   the runtime, so under valgrind the filtered tests say they were not checked.
   Valgrind preloads its own library into the program it runs. */
static bool under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload != NULL && strstr(preload, "vgpreload") != NULL;
}

static void install_filter(struct sock_filter *filter, unsigned short n)
{
    struct sock_fprog prog = { n, filter };
    if (under_valgrind() || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0
        || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
        fputs("no filter\n", stderr);
        fflush(stderr);
        _exit(77);
    }
}

/* A filtered child says its verdict on stderr, and so does one that could
   not install its filter, rather than by its exit status alone: under
   valgrind a forked child that exits reports the heap it shares with its
   parent and exits 99, whatever it found. */
static void say_and_exit(bool passed)
{
    fputs(passed ? "child passed\n" : "child failed\n", stderr);
    fflush(stderr);
    tw__child_exit(passed ? 0 : 1);
}

/* The child's verdict, with the filter's absence said and forgiven. */
static bool filtered_child_passed(void (*run)(void *), const char *name)
{
    char err[512];
    int status = run_child(run, NULL, err, sizeof err);
    if (strstr(err, "no filter\n") != NULL) {
        fprintf(stderr, "%s: no seccomp filter here; not checked\n", name);
        return true;
    }
    if (strstr(err, "child passed\n") == NULL)
        fprintf(stderr, "%s: status %d: %s\n", name, status, err);
    return strstr(err, "child passed\n") != NULL;
}

/* From now on pidfd_open fails with errnum. */
static void refuse_pidfd_open(int errnum)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_open, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned)errnum),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    install_filter(filter, sizeof filter / sizeof filter[0]);
}

static void run_without_pidfd(void *arg)
{
    static const char *const exits_3[] = { "sh", "-c", "exit 3", NULL };
    static const char *const sleeps[] = { "sleep", "10", NULL };
    tw_loop *L;
    tw_transport *t;
    int code = 0, killed = 0;
    bool ok;
    (void)arg;
    refuse_pidfd_open(ENOSYS);
    L = tw_loop_new_clock(TW_CLOCK_REAL);
    ok = tw_loop_subprocess_exec(L, recorder, exits_3, NULL, &t) == NULL;
    ok = ok && tw_loop_run_forever(L) == NULL && tw_subprocess_transport_get_returncode(t, &code);
    tw_unref(t);
    ok = ok && tw_loop_subprocess_exec(L, recorder, sleeps, NULL, &t) == NULL;
    tw_transport_close(t);
    ok = ok && tw_loop_run_forever(L) == NULL && tw_subprocess_transport_get_returncode(t, &killed);
    tw_unref(t);
    tw_loop_free(L);
    say_and_exit(ok && code == 3 && killed == -SIGKILL);
}

START_TEST(children_are_watched_without_pidfd)
{
    ck_assert(filtered_child_passed(run_without_pidfd, "children_are_watched_without_pidfd"));
    assert_no_children();
}
END_TEST
#line 1475 "chapters/tier7-tests.nw"
static int lowest_free_descriptor(void)
{
    int fd = dup(0);
    close(fd);
    return fd;
}

static tw_error *ignore(void *arg, tw_value *result)
{
    (void)arg;
    (void)result;
    return NULL;
}

static void spawn_without_fork(void *arg)
{
    static const char *const argv[] = { "true", NULL };
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_vfork, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_VM, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAGAIN),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    int before = lowest_free_descriptor();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_executor *pool = NULL;
    tw_future *fut = NULL;
    tw_transport *t = NULL;
    tw_error *spawn_err, *pool_err;
    bool ok;
    (void)arg;
    install_filter(filter, sizeof filter / sizeof filter[0]);
    spawn_err = tw_loop_subprocess_exec(L, recorder, argv, NULL, &t);
    pool_err = tw_process_pool_new(1, &pool);
    if (pool_err == NULL)
        pool_err = tw_run_in_executor(L, pool, ignore, NULL, &fut);
    ok = tw_os_error_errno(spawn_err) == EAGAIN && tw_os_error_errno(pool_err) == EAGAIN && t == NULL;
    tw_unref(spawn_err);
    tw_unref(pool_err);
    tw_unref(fut);
    tw_executor_free(pool);
    tw_loop_free(L);
    say_and_exit(ok && lowest_free_descriptor() == before && waitpid(-1, NULL, WNOHANG) < 0);
}

static void spawn_without_a_pidfd(void *arg)
{
    static const char *const argv[] = { "sleep", "10", NULL };
    int before = lowest_free_descriptor();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t = NULL;
    tw_error *err;
    bool ok;
    (void)arg;
    refuse_pidfd_open(EMFILE);
    err = tw_loop_subprocess_exec(L, recorder, argv, NULL, &t);
    ok = tw_os_error_errno(err) == EMFILE && t == NULL;
    tw_unref(err);
    tw_loop_free(L);
    say_and_exit(ok && lowest_free_descriptor() == before && waitpid(-1, NULL, WNOHANG) < 0);
}

START_TEST(a_failed_spawn_leaves_nothing_behind)
{
    ck_assert(filtered_child_passed(spawn_without_fork, "spawn_without_fork"));
    ck_assert(filtered_child_passed(spawn_without_a_pidfd, "spawn_without_a_pidfd"));
    assert_no_children();
}
END_TEST

#line 1128 "chapters/tier7-tests.nw"
Suite *tw_subprocess_suite(void)
{
    Suite *s = suite_create("subprocess");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, exec_failure_is_file_not_found);
    tcase_add_test(tc, chdir_failure_names_the_directory);
    tcase_add_test(tc, child_inherits_only_its_streams);
    tcase_add_test(tc, bad_options_are_value_errors);
    tcase_add_test(tc, protocol_callbacks_in_order);
    tcase_add_test(tc, close_kills_and_reaps);
    tcase_add_test(tc, closing_loop_reaps_children);
    tcase_add_test(tc, children_are_watched_without_pidfd);
    tcase_add_test(tc, a_failed_spawn_leaves_nothing_behind);
    suite_add_tcase(s, tc);
    return s;
}
