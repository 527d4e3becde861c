#line 535 "chapters/tier1-tests.nw"
/* fatal.h -- run misuse in a child and read how it ended (unit tests of every tier) */
#ifndef TOWER_TESTS_FATAL_H
#define TOWER_TESTS_FATAL_H
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tower.h"
#include "described.h"
#include "../src/pool.h"

__attribute__((unused))
static int run_child(void (*misuse)(void *), void *arg, char *err, size_t size)
{
    int fds[2], status = -1;
    size_t len = 0;
    ssize_t n;
    pid_t pid;
    fflush(NULL);
    if (pipe(fds) < 0 || (pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        misuse(arg);
        tw__child_exit(0);
    }
    close(fds[1]);
    while (len + 1 < size && (n = read(fds[0], err + len, size - 1 - len)) > 0)
        len += (size_t)n;
    err[len] = '\0';
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* Check what an object says of itself (its class's describe, Python's repr). */
#define assert_describes_as(object, expected) do {                   \
        char *text_ = described((tw_object *)(object));             \
        ck_assert_str_eq(text_, expected);                          \
        free(text_);                                                \
    } while (0)

/* Run fn once as a callback of a new, running loop: misuse that needs a
   running loop but no task. */
__attribute__((unused))
static void run_in_a_callback(tw_callback_fn fn)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_unref(tw_call_soon(L, fn, L, NULL));
    tw_unref(tw_loop_run_forever(L));
}

/* The misuse aborted the child, and its message says expected. */
__attribute__((unused))
static bool dies_saying(void (*misuse)(void *), void *arg, const char *expected)
{
    char err[1024];
    int status = run_child(misuse, arg, err, sizeof err);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && strstr(err, expected) != NULL;
}
#endif
