#line 39 "chapters/tier2-tests.nw"
/* check_loop.c -- unit tests of the event loop */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "tower.h"
#include "fatal.h"

static char trace[256];

static tw_error *record(void *tag)
{
    strcat(trace, tag);
    return NULL;
}

static tw_error *stop_loop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

#line 102 "chapters/tier2-tests.nw"
START_TEST(ready_queue_is_fifo)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    trace[0] = 0;
    tw_call_soon(L, record, "a", NULL);
    tw_call_soon(L, record, "b", NULL);
    tw_call_soon(L, record, "c", NULL);
    tw_call_soon(L, stop_loop, L, NULL);
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(trace, "abc");
    tw_loop_free(L);
}
END_TEST

START_TEST(ready_queue_grows_in_order)
{
    /* more callbacks than the ring's first capacity; stop() in the
       middle still lets the whole batch run */
    static char tags[200][2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    char expect[256] = "";
    trace[0] = 0;
    for (int i = 0; i < 150; i++) {
        tags[i][0] = (char)('!' + i % 90);
        tw_call_soon(L, record, tags[i], NULL);
        strcat(expect, tags[i]);
        if (i == 99)
            tw_call_soon(L, stop_loop, L, NULL);
    }
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(trace, expect);
    tw_loop_free(L);
}
END_TEST

START_TEST(cancelled_handle_is_skipped)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_handle *h;
    trace[0] = 0;
    tw_call_soon(L, record, "a", NULL);
    tw_call_soon(L, record, "b", &h);
    tw_call_soon(L, record, "c", NULL);
    tw_handle_cancel(h);
    tw_handle_cancel(h);
    ck_assert(tw_handle_cancelled(h));
    tw_handle_release(h);
    tw_call_soon(L, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "ac");
    tw_loop_free(L);
}
END_TEST
#line 515 "chapters/tier2-tests.nw"
static tw_error *schedule_many(void *loop)
{
    static char tags[100][2];
    for (int i = 0; i < 100; i++) {
        tags[i][0] = (char)('A' + i % 26);
        tw_call_soon(loop, record, tags[i], NULL);
    }
    return NULL;
}

START_TEST(ready_queue_grows_while_wrapped)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    char expect[256] = "";
    trace[0] = 0;
    for (int i = 0; i < 40; i++)
        tw_call_soon(L, record, "", NULL);
    tw_call_soon(L, schedule_many, L, NULL);
    tw_call_soon(L, record, "-", NULL);
    for (int i = 0; i < 100; i++) {
        char tag[2] = { (char)('A' + i % 26), 0 };
        strcat(expect, tag);
    }
    tw_call_soon(L, stop_loop, L, NULL);
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(trace, "-");
    tw_call_soon(L, stop_loop, L, NULL);
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(trace + 1, expect);
    tw_loop_free(L);
}
END_TEST
#line 158 "chapters/tier2-tests.nw"
static void timers_in_order(tw_clock clock)
{
    tw_loop *L = tw_loop_new_clock(clock);
    double now = tw_loop_time(L);
    trace[0] = 0;
    tw_call_at(L, now + 0.003, record, "d", NULL);
    tw_call_at(L, now + 0.001, record, "a", NULL);
    tw_call_at(L, now + 0.002, record, "b", NULL);
    tw_call_at(L, now + 0.002, record, "c", NULL);   /* tie: after b */
    tw_call_later(L, -1, record, "0", NULL);          /* past: first */
    tw_call_soon(L, record, "s", NULL);               /* ready: before all */
    tw_call_at(L, now + 0.004, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "s0abcd");
    tw_loop_free(L);
}

START_TEST(timers_by_deadline_then_order)
{
    timers_in_order(TW_CLOCK_REAL);
    timers_in_order(TW_CLOCK_VIRTUAL);
}
END_TEST

START_TEST(virtual_clock_jumps)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_handle *h;
    tw_call_later(L, 3600, stop_loop, L, &h);
    tw_loop_run_forever(L);
    /* Compare with the deadline itself, within the clock's resolution: the
       jump may land a rounding error short of it, and timers that close
       count as due. */
    ck_assert(tw_loop_time(L) >= tw_handle_when(h) - 1e-6);
    tw_handle_release(h);
    tw_loop_free(L);
}
END_TEST

START_TEST(many_cancelled_timers_are_dropped)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    trace[0] = 0;
    for (int i = 0; i < 1000; i++) {
        tw_handle *h;
        tw_call_later(L, 10 + i, record, "x", &h);
        tw_handle_cancel(h);
        tw_handle_release(h);
    }
    tw_call_later(L, 5, record, "k", NULL);
    tw_call_later(L, 6, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "k");
    tw_loop_free(L);
}
END_TEST
#line 223 "chapters/tier2-tests.nw"
#include <stdlib.h>

enum { SHOTS = 6000 };
struct shot { double when; int index; bool cancelled; };
static struct shot shots[SHOTS];
static int burst[SHOTS], nburst;

static tw_error *record_shot(void *arg)
{
    burst[nburst++] = ((struct shot *)arg)->index;
    return NULL;
}

static int by_deadline_then_index(const void *a, const void *b)
{
    const struct shot *x = a, *y = b;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return x->index - y->index;
}

START_TEST(burst_of_due_timers_in_order)
{
    static struct shot expect[SHOTS];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    double now = tw_loop_time(L);
    unsigned r = 1;
    int nexpect = 0;
    nburst = 0;
    for (int i = 0; i < SHOTS; i++) {
        struct shot *s = &shots[i];
        r = r * 1103515245u + 12345u;
        s->index = i;
        s->cancelled = i % 7 == 3;
        if (i % 10 == 9)
            s->when = -1.0 - (double)((r >> 16) % 7);             /* negative */
        else if (i % 10 == 8)
            s->when = now + 0.02 + (double)((r >> 16) % 5) * 1e-3;  /* not due yet */
        else
            s->when = now - (double)((r >> 16) % 40) * 1e-3;     /* due, many ties */
        if (s->cancelled) {
            tw_handle *h;
            tw_call_at(L, s->when, record_shot, s, &h);
            tw_handle_cancel(h);
            tw_handle_release(h);
        } else {
            tw_call_at(L, s->when, record_shot, s, NULL);
            expect[nexpect++] = *s;
        }
    }
    tw_call_at(L, now + 0.05, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    qsort(expect, (size_t)nexpect, sizeof *expect, by_deadline_then_index);
    ck_assert_int_eq(nburst, nexpect);
    for (int i = 0; i < nexpect; i++)
        ck_assert_int_eq(burst[i], expect[i].index);
    tw_loop_free(L);
}
END_TEST
#line 556 "chapters/tier2-tests.nw"
struct stamp { double when; int seq; };
static struct stamp fired[1000];
static int nfired;

static tw_error *stamp_timer(void *arg)
{
    fired[nfired++] = *(struct stamp *)arg;
    return NULL;
}

START_TEST(many_timers_by_deadline_then_order)
{
    static struct stamp stamps[1000];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    double now = tw_loop_time(L);
    unsigned x = 12345;
    nfired = 0;
    for (int i = 0; i < 1000; i++) {
        x = x * 1103515245u + 12345u;
        stamps[i].when = i % 10 == 9 ? stamps[i - 1].when : now + (double)(x >> 16 & 0x3ff);
        stamps[i].seq = i;
        tw_call_at(L, stamps[i].when, stamp_timer, &stamps[i], NULL);
    }
    tw_call_at(L, now + 2000, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    ck_assert_int_eq(nfired, 1000);
    for (int i = 1; i < 1000; i++)
        ck_assert(fired[i - 1].when < fired[i].when
                  || (fired[i - 1].when == fired[i].when && fired[i - 1].seq < fired[i].seq));
    tw_loop_free(L);
}
END_TEST

static tw_handle *victim;

static tw_error *cancel_victim(void *arg)
{
    (void)arg;
    strcat(trace, "k");
    tw_handle_cancel(victim);
    return NULL;
}

START_TEST(cancelled_timers_never_run)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    double now = tw_loop_time(L);
    tw_handle *top;
    trace[0] = 0;
    tw_call_at(L, now + 1, record, "top", &top);
    tw_call_at(L, now + 2, cancel_victim, NULL, NULL);
    tw_call_at(L, now + 2, record, "victim", &victim);
    tw_call_at(L, now + 3, record, "z", NULL);
    tw_call_at(L, now + 4, stop_loop, L, NULL);
    tw_handle_cancel(top);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "kz");
    ck_assert(tw_handle_cancelled(victim));
    tw_handle_release(top);
    tw_handle_release(victim);
    tw_loop_free(L);
}
END_TEST
#line 626 "chapters/tier2-tests.nw"
static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static tw_error *busy_20ms(void *arg)
{
    double start = seconds();
    (void)arg;
    while (seconds() - start < 0.02)
        ;
    return NULL;
}

START_TEST(virtual_clock_stands_still_while_callbacks_run)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    double start = tw_loop_time(L);
    tw_call_soon(L, busy_20ms, NULL, NULL);
    tw_call_soon(L, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    ck_assert(tw_loop_time(L) == start);
    tw_loop_hold(L);
    tw_call_later(L, 0.02, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    tw_loop_unhold(L);
    ck_assert(tw_loop_time(L) - start >= 0.02 - 1e-6);
    tw_loop_free(L);
}
END_TEST
#line 285 "chapters/tier2-tests.nw"
static tw_error *record_then_stop(void *loop)
{
    strcat(trace, "S");
    tw_loop_stop(loop);
    tw_call_soon(loop, record, "n", NULL);
    return NULL;
}

START_TEST(stop_finishes_the_batch)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    trace[0] = 0;
    tw_call_soon(L, record, "a", NULL);
    tw_call_soon(L, record_then_stop, L, NULL);
    tw_call_soon(L, record, "b", NULL);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "aSb");
    tw_loop_stop(L);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "aSbn");
    tw_loop_free(L);
}
END_TEST

START_TEST(closed_loop_refuses)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_error *e;
    tw_call_soon(L, record, "never", NULL);
    ck_assert_ptr_null(tw_loop_close(L));
    ck_assert(tw_loop_is_closed(L));
    ck_assert_ptr_null(tw_loop_close(L));
    e = tw_call_soon(L, record, "x", NULL);
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_RUNTIME);
    ck_assert_str_eq(tw_error_message(e), "Event loop is closed");
    tw_unref(e);
    e = tw_loop_run_forever(L);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    tw_unref(e);
    tw_loop_free(L);
}
END_TEST
#line 335 "chapters/tier2-tests.nw"
START_TEST(uncatchable_and_invalid_signals_refused)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    const struct { int sig; tw_errkind kind; const char *format; } refused[] = {
        { SIGKILL, TW_ERR_RUNTIME, "sig %d cannot be caught" },
        { SIGSTOP, TW_ERR_RUNTIME, "sig %d cannot be caught" },
        { 0, TW_ERR_VALUE, "invalid signal number %d" },
        { -1, TW_ERR_VALUE, "invalid signal number %d" },
        { _NSIG, TW_ERR_VALUE, "invalid signal number %d" },
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char text[64];
        tw_error *e = tw_loop_add_signal_handler(L, refused[i].sig, record, "never");
        snprintf(text, sizeof text, refused[i].format, refused[i].sig);
        ck_assert_int_eq(tw_error_kind(e), refused[i].kind);
        ck_assert_str_eq(tw_error_message(e), text);
        tw_unref(e);
        ck_assert(!tw_loop_remove_signal_handler(L, refused[i].sig));
    }
    tw_loop_free(L);
}
END_TEST
#line 364 "chapters/tier2-tests.nw"
START_TEST(removing_an_unwatched_descriptor)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    ck_assert(!tw_loop_remove_reader(L, 1000));
    ck_assert(!tw_loop_remove_writer(L, 1000));
    ck_assert(!tw_loop_remove_reader(L, -1));
    ck_assert(!tw_loop_remove_writer(L, -1));
    tw_loop_free(L);
}
END_TEST
#line 386 "chapters/tier2-tests.nw"
static tw_error *run_the_other(void *other)
{
    tw_error *e = tw_loop_run_forever(other);
    ck_assert_str_eq(tw_error_message(e), "Cannot run the event loop while another loop is running");
    tw_unref(e);
    strcat(trace, "refused ");
    return NULL;
}

static tw_error *free_the_running(void *loop)
{
    tw_loop_free(loop);
    return NULL;
}

static void free_a_running_loop(void *arg)
{
    (void)arg;
    run_in_a_callback(free_the_running);
}

START_TEST(misused_loops_refuse)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL), *other = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    FILE *file = tmpfile();
    tw_error *e = tw_loop_add_reader(L, -1, record, "never");
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_VALUE);
    ck_assert_str_eq(tw_error_message(e), "Invalid file descriptor: -1");
    tw_unref(e);
    e = tw_loop_add_reader(L, fileno(file), record, "never");
    ck_assert(tw_error_is(e, TW_ERR_OS));                 /* PermissionError: epoll refuses a file */
    ck_assert_str_eq(tw_error_message(e), "[Errno 1] Operation not permitted");
    tw_unref(e);
    fclose(file);
    trace[0] = '\0';
    tw_unref(tw_call_soon(L, run_the_other, other, NULL));
    tw_unref(tw_call_soon(L, stop_loop, L, NULL));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(trace, "refused ");
    tw_loop_close(L);
    ck_assert_str_eq(tw_error_message(tw_loop_add_reader(L, 0, record, "never")), "Event loop is closed");
    ck_assert_str_eq(tw_error_message(tw_loop_add_signal_handler(L, SIGUSR1, record, "never")),
                     "Event loop is closed");
    ck_assert_str_eq(tw_error_message(tw_call_soon_threadsafe(L, record, "never")),
                     "Event loop is closed");
    tw_loop_free(L);
    tw_loop_free(other);
    tw_loop_free(NULL);
    ck_assert(dies_saying(free_a_running_loop, NULL, "tw_loop_free: the loop is running"));
}
END_TEST
#line 448 "chapters/tier2-tests.nw"
START_TEST(cancelled_handle_is_skipped_in_debug_mode)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_handle *h;
    trace[0] = 0;
    tw_loop_set_debug(L, true);
    tw_call_soon(L, record, "a", NULL);
    tw_call_soon(L, record, "b", &h);
    tw_handle_cancel(h);
    tw_handle_release(h);
    tw_call_soon(L, stop_loop, L, NULL);
    tw_loop_run_forever(L);
    ck_assert_str_eq(trace, "a");
    tw_loop_free(L);
}
END_TEST

START_TEST(a_freed_event_loop_is_forgotten)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL), *R = tw_loop_new_clock(TW_CLOCK_REAL);
    ck_assert(tw_loop_is_virtual(L));
    ck_assert(!tw_loop_is_virtual(R));
    tw_set_event_loop(L);
    ck_assert_ptr_eq(tw_get_event_loop(), L);
    tw_loop_free(L);
    ck_assert_ptr_null(tw_get_event_loop());
    tw_loop_free(R);
}
END_TEST

static int ready_fd;

static tw_error *read_and_stop(void *loop)
{
    char c;
    ck_assert_int_eq(read(ready_fd, &c, 1), 1);
    strcat(trace, "r");
    tw_loop_stop(loop);
    return NULL;
}

START_TEST(a_far_timer_does_not_hold_up_a_ready_descriptor)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    int fds[2];
    trace[0] = 0;
    ck_assert_int_eq(pipe(fds), 0);
    ready_fd = fds[0];
    ck_assert_int_eq(write(fds[1], "x", 1), 1);
    ck_assert_ptr_null(tw_call_later(L, 200000, record, "late", NULL));
    ck_assert_ptr_null(tw_loop_add_reader(L, fds[0], read_and_stop, L));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    ck_assert_str_eq(trace, "r");
    ck_assert(tw_loop_remove_reader(L, fds[0]));
    tw_loop_free(L);
    close(fds[0]);
    close(fds[1]);
}
END_TEST
#line 668 "chapters/tier2-tests.nw"
#include "../src/tier2.h"

static tw__loop_key first_key, second_key;
static int released;

static void count_release(tw_loop *L, void *state)
{
    (void)L;
    ck_assert_int_eq(*(int *)state, 7);
    released++;
}

START_TEST(loop_state_is_one_per_key_and_loop)
{
    tw_loop *L = tw_loop_new(), *M = tw_loop_new();
    int *a = tw__loop_state(L, &first_key, sizeof(int), count_release);
    int *b = tw__loop_state(L, &second_key, 64, NULL);
    int *c = tw__loop_state(M, &first_key, sizeof(int), count_release);
    ck_assert_int_eq(*a, 0);
    ck_assert_ptr_ne(a, b);
    ck_assert_ptr_ne(a, c);
    ck_assert_ptr_eq(tw__loop_state(L, &first_key, sizeof(int), count_release), a);
    ck_assert_ptr_eq(tw__loop_state(M, &first_key, sizeof(int), count_release), c);
    *a = *c = 7;
    released = 0;
    tw_loop_free(L);
    ck_assert_int_eq(released, 1);
    tw_loop_free(M);
    ck_assert_int_eq(released, 2);
}
END_TEST

struct tagged { tw__resource res; const char *tag; };

static void close_tagged(tw__resource *r)
{
    struct tagged *t = (struct tagged *)(void *)r;
    tw__resource_detach(NULL, r);
    strcat(trace, t->tag);
}

START_TEST(stages_close_by_order_then_newest_first)
{
    tw_loop *L = tw_loop_new();
    struct tagged r[] = { { .tag = "E" }, { .tag = "T" }, { .tag = "L" },
                          { .tag = "C" }, { .tag = "t" } };
    int orders[] = { 510, 400, TW__CLOSE_LAST, 500, 400 };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        tw__resource_attach_in(L, &r[i].res, orders[i], close_tagged);
    tw__resource_detach(L, &r[3].res);
    tw__resource_attach_in(L, &r[3].res, 500, close_tagged);
    trace[0] = '\0';
    tw_loop_close(L);
    ck_assert_str_eq(trace, "tTCEL");
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        ck_assert(!tw__resource_attached(&r[i].res));
    tw_loop_free(L);
}
END_TEST
#line 739 "chapters/tier2-tests.nw"
static tw_error *never_called(void *arg)
{
    (void)arg;
    ck_abort_msg("a reader of a socket nobody writes to ran");
    return NULL;
}

START_TEST(a_replaced_passive_reader_is_not_removed_by_its_owner)
{
    tw_loop *L = tw_loop_new();
    int sv[2], first, second;
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    ck_assert_ptr_null(tw__loop_add_passive_reader(L, sv[0], never_called, &first));
    ck_assert_ptr_null(tw__loop_add_passive_reader(L, sv[0], never_called, &second));
    ck_assert_uint_eq(L->npassive, 1);
    ck_assert(!tw__loop_remove_passive_reader(L, sv[0], &first));
    ck_assert_ptr_eq(L->watch[sv[0]].reader->arg, &second);
    ck_assert_uint_eq(L->npassive, 1);
    ck_assert(tw__loop_remove_passive_reader(L, sv[0], &second));
    ck_assert_ptr_null(L->watch[sv[0]].reader);
    ck_assert_uint_eq(L->npassive, 0);
    ck_assert(!tw__loop_remove_passive_reader(L, sv[0], &second));

    ck_assert_ptr_null(tw__loop_add_passive_reader(L, sv[0], never_called, &first));
    ck_assert_ptr_null(tw_loop_add_reader(L, sv[0], never_called, &second));
    ck_assert_uint_eq(L->npassive, 0);
    ck_assert(!tw__loop_remove_passive_reader(L, sv[0], &first));
    ck_assert(tw_loop_remove_reader(L, sv[0]));
    close(sv[0]);
    close(sv[1]);
    tw_loop_free(L);
}
END_TEST

#line 69 "chapters/tier2-tests.nw"
Suite *tw_loop_suite(void)
{
    Suite *s = suite_create("loop");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, ready_queue_is_fifo);
    tcase_add_test(tc, misused_loops_refuse);
    tcase_add_test(tc, ready_queue_grows_in_order);
    tcase_add_test(tc, ready_queue_grows_while_wrapped);
    tcase_add_test(tc, cancelled_handle_is_skipped);
    tcase_add_test(tc, timers_by_deadline_then_order);
    tcase_add_test(tc, many_timers_by_deadline_then_order);
    tcase_add_test(tc, cancelled_timers_never_run);
    tcase_add_test(tc, virtual_clock_jumps);
    tcase_add_test(tc, virtual_clock_stands_still_while_callbacks_run);
    tcase_add_test(tc, many_cancelled_timers_are_dropped);
    tcase_add_test(tc, burst_of_due_timers_in_order);
    tcase_add_test(tc, stop_finishes_the_batch);
    tcase_add_test(tc, closed_loop_refuses);
    tcase_add_test(tc, uncatchable_and_invalid_signals_refused);
    tcase_add_test(tc, removing_an_unwatched_descriptor);
    tcase_add_test(tc, loop_state_is_one_per_key_and_loop);
    tcase_add_test(tc, stages_close_by_order_then_newest_first);
    tcase_add_test(tc, a_replaced_passive_reader_is_not_removed_by_its_owner);

    tcase_add_test(tc, cancelled_handle_is_skipped_in_debug_mode);
    tcase_add_test(tc, a_freed_event_loop_is_forgotten);
    tcase_add_test(tc, a_far_timer_does_not_hold_up_a_ready_descriptor);
    suite_add_tcase(s, tc);
    return s;
}
