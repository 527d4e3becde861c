#line 11559 "tower.nw"
/* check_transport.c -- unit tests of tier 7: addresses, errors, socket transports */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "tower.h"

#line 11402 "tower.nw"
static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1;                         /* the directory's own descriptor */
}

static tw_error *stop_soon(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

static void run_for(tw_loop *L, double seconds)
{
    tw_call_later(L, seconds, stop_soon, L, NULL);
    ck_assert_ptr_null(tw_loop_run_forever(L));
}

static bool run_until(tw_loop *L, bool (*done)(void *), void *arg)
{
    for (int i = 0; i < 5000 && !done(arg); i++)
        run_for(L, 0.001);
    return done(arg);
}

static tw_value await_value(tw_loop *L, void *awaitable)
{
    tw_value v;
    tw_error *err = tw_loop_run_until_complete(L, awaitable, &v);
    if (err)
        tw_error_print(stderr, err);
    ck_assert_ptr_null(err);
    return v;
}

static tw_transport *adopt(tw_loop *L, tw_protocol_factory factory, void *arg, int fd)
{
    return await_value(L, tw_create_unix_connection(L, factory, arg, NULL, fd)).p;
}

static void pair(int sv[2])
{
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
}

__attribute__((unused)) static size_t drain(int fd)
{
    static char sink[65536];
    size_t total = 0;
    ssize_t n;
    while ((n = read(fd, sink, sizeof sink)) > 0)
        total += (size_t)n;
    return total;
}
#line 11469 "tower.nw"
static char trace[512];

struct rec {
    tw_protocol base;
    tw_transport *transport;
    bool keep_open, lost;
    const char *reply;
};

static void note(const char *fmt, const char *arg)
{
    size_t len = strlen(trace);
    snprintf(trace + len, sizeof trace - len, fmt, len ? " " : "", arg);
}

static tw_error *rec_made(tw_protocol *p, tw_transport *t)
{
    ((struct rec *)p)->transport = t;
    note("%smade%s", "");
    return NULL;
}

static tw_error *rec_data(tw_protocol *p, const void *data, size_t n)
{
    char text[64];
    (void)p;
    snprintf(text, sizeof text, "%.*s", (int)n, (const char *)data);
    note("%sdata:%s", text);
    return NULL;
}

static tw_error *rec_eof(tw_protocol *p, bool *keep_open)
{
    struct rec *r = (struct rec *)p;
    note("%seof%s", "");
    if (r->reply)
        tw_transport_write(r->transport, r->reply, strlen(r->reply));
    *keep_open = r->keep_open;
    return NULL;
}

static tw_error *rec_lost(tw_protocol *p, tw_error *exc)
{
    ((struct rec *)p)->lost = true;
    note("%slost:%s", exc ? tw_error_type(exc) : "None");
    return NULL;
}

static tw_error *rec_pause(tw_protocol *p)
{
    (void)p;
    note("%spause%s", "");
    return NULL;
}

static tw_error *rec_resume(tw_protocol *p)
{
    (void)p;
    note("%sresume%s", "");
    return NULL;
}

static const tw_protocol_class rec_class = {
    .name = "Recorder", .connection_made = rec_made, .data_received = rec_data,
    .eof_received = rec_eof, .connection_lost = rec_lost, .pause_writing = rec_pause,
    .resume_writing = rec_resume,
};

static struct rec *last_rec;

static tw_protocol *rec_factory(void *arg)
{
    struct rec *r = tw_protocol_new(&rec_class, sizeof *r);
    (void)arg;
    last_rec = r;
    return &r->base;
}

static bool rec_is_lost(void *r) { return ((struct rec *)r)->lost; }

__attribute__((unused)) static size_t fill(tw_transport *t)
{
    static char block[65536];
    while (tw_transport_get_write_buffer_size(t) == 0)
        tw_transport_write(t, block, sizeof block);
    return tw_transport_get_write_buffer_size(t);
}
#line 11607 "tower.nw"
START_TEST(addresses_print_as_python_does)
{
    tw_sockaddr v4 = { .len = sizeof v4.u.in4 }, v6 = { .len = sizeof v6.u.in6 }, un, other;
    char buf[TW_ADDRSTRLEN];
    v4.u.in4.sin_family = AF_INET;
    v4.u.in4.sin_port = htons(8888);
    inet_pton(AF_INET, "127.0.0.1", &v4.u.in4.sin_addr);
    v6.u.in6.sin6_family = AF_INET6;
    v6.u.in6.sin6_port = htons(8888);
    inet_pton(AF_INET6, "::1", &v6.u.in6.sin6_addr);
    memset(&un, 0, sizeof un);
    un.u.un.sun_family = AF_UNIX;
    strcpy(un.u.un.sun_path, "/tmp/x.sock");
    un.len = sizeof un.u.un;
    ck_assert_str_eq(tw_sockaddr_str(&v4, buf), "('127.0.0.1', 8888)");
    ck_assert_str_eq(tw_sockaddr_str(&v6, buf), "('::1', 8888, 0, 0)");
    ck_assert_str_eq(tw_sockaddr_str(&un, buf), "/tmp/x.sock");
    ck_assert_str_eq(tw_sockaddr_str(NULL, buf), "None");
    ck_assert_str_eq(tw_sockaddr_host(&v6, buf), "::1");
    ck_assert_int_eq(tw_sockaddr_port(&v4), 8888);
    ck_assert_int_eq(tw_sockaddr_port(&un), 0);
    other = v4;
    other.u.in4.sin_zero[0] = 1;          /* padding is not part of the tuple */
    ck_assert(tw_sockaddr_equal(&v4, &other));
    other.u.in4.sin_port = htons(8889);
    ck_assert(!tw_sockaddr_equal(&v4, &other));
    ck_assert(!tw_sockaddr_equal(&v4, &v6));
    ck_assert(!tw_sockaddr_equal(&v4, NULL));
    ck_assert(tw_sockaddr_equal(NULL, NULL));
}
END_TEST

START_TEST(os_errors_carry_python_classes)
{
    tw_error *e = tw_error_os(ECONNREFUSED, NULL);
    ck_assert_str_eq(tw_error_type(e), "ConnectionRefusedError");
    ck_assert_str_eq(tw_error_str(e), "[Errno 111] Connection refused");
    ck_assert(tw_error_is(e, TW_ERR_OS));
    tw_error_unref(e);
    e = tw_error_os(ECONNRESET, "Connect call failed %s", "('127.0.0.1', 9)");
    ck_assert_str_eq(tw_error_type(e), "ConnectionResetError");
    ck_assert_str_eq(tw_error_str(e), "[Errno 104] Connect call failed ('127.0.0.1', 9)");
    tw_error_unref(e);
    e = tw_error_os(ETIMEDOUT, NULL);
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_TIMEOUT);
    ck_assert(tw_error_is(e, TW_ERR_OS));
    tw_error_unref(e);
    e = tw_error_os(EADDRINUSE, NULL);
    ck_assert_str_eq(tw_error_type(e), "OSError");
    tw_error_unref(e);
}
END_TEST
#line 11667 "tower.nw"
struct drained { tw_transport *t; int fd; size_t total; };

static bool all_drained(void *arg)
{
    struct drained *d = arg;
    d->total += drain(d->fd);
    return tw_transport_get_write_buffer_size(d->t) == 0;
}

START_TEST(write_buffer_counts_exactly)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    size_t size, written;
    struct iovec parts[] = { { "0123456789", 10 }, { "01234567890123456789", 20 } };
    struct drained d;
    pair(sv);
    t = adopt(L, rec_factory, NULL, sv[0]);
    tw_transport_set_write_buffer_limits(t, 1L << 30, TW_LIMIT_DEFAULT);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(t), 0);
    size = fill(t);
    tw_transport_write(t, "x", 0);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(t), size);
    tw_transport_write(t, "abc", 3);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(t), size + 3);
    tw_transport_writelines(t, parts, 2);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(t), size + 33);
    written = drain(sv[1]);
    d = (struct drained){ t, sv[1], written };
    ck_assert(run_until(L, all_drained, &d));
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(t), 0);
    tw_transport_close(t);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

START_TEST(write_after_write_eof_is_refused)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    tw_error *e;
    char buf[16];
    pair(sv);
    t = adopt(L, rec_factory, NULL, sv[0]);
    ck_assert(tw_transport_can_write_eof(t));
    ck_assert_ptr_null(tw_transport_write(t, "last", 4));
    ck_assert_ptr_null(tw_transport_write_eof(t));
    ck_assert_ptr_null(tw_transport_write_eof(t));
    e = tw_transport_write(t, "more", 4);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_str(e), "Cannot call write() after write_eof()");
    tw_error_unref(e);
    ck_assert_int_eq(read(sv[1], buf, sizeof buf), 4);
    ck_assert_int_eq(read(sv[1], buf, sizeof buf), 0);   /* end-of-file */
    tw_transport_close(t);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 11740 "tower.nw"
START_TEST(pause_only_strictly_over_high)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    size_t base;
    struct drained d;
    pair(sv);
    trace[0] = '\0';
    t = adopt(L, rec_factory, NULL, sv[0]);
    tw_transport_set_write_buffer_limits(t, 1L << 30, TW_LIMIT_DEFAULT);
    base = fill(t);
    tw_transport_set_write_buffer_limits(t, (long)base + 10, (long)base + 5);
    tw_transport_write(t, "0123456789", 10);
    ck_assert_str_eq(trace, "made");
    tw_transport_write(t, "!", 1);
    ck_assert_str_eq(trace, "made pause");
    tw_transport_write(t, "0123456789", 10);
    ck_assert_str_eq(trace, "made pause");
    d = (struct drained){ t, sv[1], 0 };
    ck_assert(run_until(L, all_drained, &d));
    ck_assert_str_eq(trace, "made pause resume");
    tw_transport_close(t);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

START_TEST(new_limits_pause_at_once)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    size_t base;
    pair(sv);
    trace[0] = '\0';
    t = adopt(L, rec_factory, NULL, sv[0]);
    tw_transport_set_write_buffer_limits(t, 1L << 30, TW_LIMIT_DEFAULT);
    base = fill(t);
    tw_transport_set_write_buffer_limits(t, (long)base - 1, 0);
    ck_assert_str_eq(trace, "made pause");
    tw_transport_abort(t);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(t), 0);
    ck_assert(run_until(L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made pause lost:None");
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

START_TEST(limits_are_validated)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    tw_error *e;
    size_t low, high;
    pair(sv);
    t = adopt(L, rec_factory, NULL, sv[0]);
    tw_transport_get_write_buffer_limits(t, &low, &high);
    ck_assert_uint_eq(low, 16384);
    ck_assert_uint_eq(high, 65536);
    e = tw_transport_set_write_buffer_limits(t, 1, 2);
    ck_assert_str_eq(tw_error_str(e), "high (1) must be >= low (2) must be >= 0");
    tw_error_unref(e);
    e = tw_transport_set_write_buffer_limits(t, -1, TW_LIMIT_DEFAULT);
    ck_assert_str_eq(tw_error_str(e), "high (-1) must be >= low (-1) must be >= 0");
    tw_error_unref(e);
    tw_transport_get_write_buffer_limits(t, &low, &high);
    ck_assert_uint_eq(high, 65536);
    tw_transport_set_write_buffer_limits(t, 1001, TW_LIMIT_DEFAULT);
    tw_transport_get_write_buffer_limits(t, &low, &high);
    ck_assert_uint_eq(low, 250);
    tw_transport_close(t);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 11833 "tower.nw"
START_TEST(callbacks_in_order_over_a_socketpair)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    pair(sv);
    trace[0] = '\0';
    t = adopt(L, rec_factory, NULL, sv[0]);
    ck_assert_str_eq(trace, "made");
    ck_assert_ptr_eq(last_rec->transport, t);
    ck_assert_int_eq(write(sv[1], "abc", 3), 3);
    shutdown(sv[1], SHUT_WR);
    ck_assert(run_until(L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made data:abc eof lost:None");
    ck_assert(tw_transport_is_closing(t));
    ck_assert_int_eq((int)tw_transport_get_extra_info(t, "socket", TW_NONE).i, -1);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

static struct rec *keep_open_rec(void *reply)
{
    struct rec *r = (struct rec *)rec_factory(NULL);
    r->keep_open = true;
    r->reply = reply;
    return r;
}

static tw_protocol *keep_open_factory(void *reply) { return &keep_open_rec(reply)->base; }

START_TEST(eof_kept_open_still_writes)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    char buf[16] = "";
    pair(sv);
    trace[0] = '\0';
    t = adopt(L, keep_open_factory, "bye", sv[0]);
    shutdown(sv[1], SHUT_WR);
    run_for(L, 0.01);
    ck_assert_str_eq(trace, "made eof");
    ck_assert(!tw_transport_is_closing(t));
    ck_assert_int_eq(read(sv[1], buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "bye");
    tw_transport_close(t);
    ck_assert(run_until(L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made eof lost:None");
    ck_assert_int_eq(read(sv[1], buf, sizeof buf), 0);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

START_TEST(abort_discards_and_reports_once)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    size_t buffered;
    pair(sv);
    trace[0] = '\0';
    t = adopt(L, rec_factory, NULL, sv[0]);
    buffered = fill(t);
    ck_assert_uint_gt(buffered, 0);
    tw_transport_abort(t);
    tw_transport_abort(t);
    tw_transport_close(t);
    ck_assert(tw_transport_is_closing(t));
    ck_assert(run_until(L, rec_is_lost, last_rec));
    run_for(L, 0.01);
    ck_assert_str_eq(trace, "made lost:None");
    ck_assert_ptr_null(tw_transport_write(t, "late", 4));   /* dropped */
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

START_TEST(virtual_clock_jumps_over_an_idle_server)
{
    int before = open_fds();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_server *s = await_value(L, tw_create_server(L, plain_factory, NULL, "127.0.0.1", 0,
                                                   NULL)).p;
    struct timespec t0, t1;
    double start = tw_loop_time(L);
    ck_assert(tw_server_is_serving(s));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_for(L, 3600);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert(tw_loop_time(L) - start >= 3600);
    ck_assert((double)(t1.tv_sec - t0.tv_sec) < 60);
    tw_server_close(s);
    tw_server_unref(s);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

static tw_error *note_timer(void *arg)
{
    (void)arg;
    note("%stimer%s", "");
    return NULL;
}

START_TEST(data_already_sent_comes_before_a_jump)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    pair(sv);
    trace[0] = '\0';
    t = adopt(L, rec_factory, NULL, sv[0]);
    ck_assert_int_eq(write(sv[1], "early", 5), 5);
    tw_call_later(L, 3600, note_timer, NULL, NULL);
    run_for(L, 3601);
    ck_assert_str_eq(trace, "made data:early timer");
    tw_transport_close(t);
    tw_transport_unref(t);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

START_TEST(closing_the_loop_closes_transports)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *t;
    tw_server *s;
    pair(sv);
    t = adopt(L, rec_factory, NULL, sv[0]);
    s = await_value(L, tw_create_server(L, plain_factory, NULL, "127.0.0.1", 0, NULL)).p;
    fill(t);
    tw_loop_free(L);
    close(sv[1]);
    ck_assert_int_eq(open_fds(), before);
    ck_assert(tw_transport_is_closing(t));
    ck_assert(!tw_server_is_serving(s));
    tw_transport_unref(t);
    tw_server_unref(s);
}
END_TEST

#line 11576 "tower.nw"
Suite *tw_transport_suite(void)
{
    Suite *s = suite_create("transport");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, addresses_print_as_python_does);
    tcase_add_test(tc, os_errors_carry_python_classes);
    tcase_add_test(tc, write_buffer_counts_exactly);
    tcase_add_test(tc, write_after_write_eof_is_refused);
    tcase_add_test(tc, pause_only_strictly_over_high);
    tcase_add_test(tc, new_limits_pause_at_once);
    tcase_add_test(tc, limits_are_validated);
    tcase_add_test(tc, callbacks_in_order_over_a_socketpair);
    tcase_add_test(tc, eof_kept_open_still_writes);
    tcase_add_test(tc, abort_discards_and_reports_once);
    tcase_add_test(tc, virtual_clock_jumps_over_an_idle_server);
    tcase_add_test(tc, data_already_sent_comes_before_a_jump);
    tcase_add_test(tc, closing_the_loop_closes_transports);
    suite_add_tcase(s, tc);
    return s;
}
