#line 216 "chapters/tier7-tests.nw"
/* check_transport.c -- unit tests of tier 7: addresses, socket and pipe transports */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include "sockets.h"
#include "fatal.h"

#line 273 "chapters/tier7-tests.nw"
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
#line 312 "chapters/tier7-tests.nw"
struct drained { tw_transport *t; int fd; size_t total; };

static bool all_drained(void *arg)
{
    struct drained *d = arg;
    d->total += drain(d->fd);
    return tw_transport_get_write_buffer_size(d->t) == 0;
}

START_TEST(write_buffer_counts_exactly)
{
    struct rig r;
    size_t size, written;
    struct iovec parts[] = { { "0123456789", 10 }, { "01234567890123456789", 20 } };
    struct drained d;
    rig_open(&r, rec_factory, NULL);
    tw_transport_set_write_buffer_limits(r.t, 1L << 30, TW_LIMIT_DEFAULT);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), 0);
    size = fill(r.t);
    tw_transport_write(r.t, "x", 0);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), size);
    tw_transport_write(r.t, "abc", 3);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), size + 3);
    tw_transport_writelines(r.t, parts, 2);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), size + 33);
    written = drain(r.sv[1]);
    d = (struct drained){ r.t, r.sv[1], written };
    ck_assert(run_until(r.L, all_drained, &d));
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), 0);
    tw_transport_close(r.t);
    rig_close(&r);
}
END_TEST

START_TEST(write_after_write_eof_is_refused)
{
    struct rig r;
    tw_error *e;
    char buf[16];
    rig_open(&r, rec_factory, NULL);
    ck_assert(tw_transport_can_write_eof(r.t));
    ck_assert_ptr_null(tw_transport_write(r.t, "last", 4));
    ck_assert_ptr_null(tw_transport_write_eof(r.t));
    ck_assert_ptr_null(tw_transport_write_eof(r.t));
    e = tw_transport_write(r.t, "more", 4);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_str(e), "Cannot call write() after write_eof()");
    tw_unref(e);
    ck_assert_int_eq(read(r.sv[1], buf, sizeof buf), 4);
    ck_assert_int_eq(read(r.sv[1], buf, sizeof buf), 0);   /* end-of-file */
    tw_transport_close(r.t);
    rig_close(&r);
}
END_TEST
#line 373 "chapters/tier7-tests.nw"
START_TEST(pause_only_strictly_over_high)
{
    struct rig r;
    size_t base;
    struct drained d;
    rig_open(&r, rec_factory, NULL);
    tw_transport_set_write_buffer_limits(r.t, 1L << 30, TW_LIMIT_DEFAULT);
    base = fill(r.t);
    tw_transport_set_write_buffer_limits(r.t, (long)base + 10, (long)base + 5);
    tw_transport_write(r.t, "0123456789", 10);
    ck_assert_str_eq(trace, "made");
    tw_transport_write(r.t, "!", 1);
    ck_assert_str_eq(trace, "made pause");
    tw_transport_write(r.t, "0123456789", 10);
    ck_assert_str_eq(trace, "made pause");
    d = (struct drained){ r.t, r.sv[1], 0 };
    ck_assert(run_until(r.L, all_drained, &d));
    ck_assert_str_eq(trace, "made pause resume");
    tw_transport_close(r.t);
    rig_close(&r);
}
END_TEST

START_TEST(new_limits_pause_at_once)
{
    struct rig r;
    size_t base;
    rig_open(&r, rec_factory, NULL);
    tw_transport_set_write_buffer_limits(r.t, 1L << 30, TW_LIMIT_DEFAULT);
    base = fill(r.t);
    tw_transport_set_write_buffer_limits(r.t, (long)base - 1, 0);
    ck_assert_str_eq(trace, "made pause");
    tw_transport_abort(r.t);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), 0);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made pause lost:None");
    rig_close(&r);
}
END_TEST

START_TEST(limits_are_validated)
{
    struct rig r;
    tw_error *e;
    size_t low, high;
    rig_open(&r, rec_factory, NULL);
    tw_transport_get_write_buffer_limits(r.t, &low, &high);
    ck_assert_uint_eq(low, 16384);
    ck_assert_uint_eq(high, 65536);
    e = tw_transport_set_write_buffer_limits(r.t, 1, 2);
    ck_assert_str_eq(tw_error_str(e), "high (1) must be >= low (2) must be >= 0");
    tw_unref(e);
    e = tw_transport_set_write_buffer_limits(r.t, -1, TW_LIMIT_DEFAULT);
    ck_assert_str_eq(tw_error_str(e), "high (-1) must be >= low (-1) must be >= 0");
    tw_unref(e);
    tw_transport_get_write_buffer_limits(r.t, &low, &high);
    ck_assert_uint_eq(high, 65536);
    tw_transport_set_write_buffer_limits(r.t, 1001, TW_LIMIT_DEFAULT);
    tw_transport_get_write_buffer_limits(r.t, &low, &high);
    ck_assert_uint_eq(low, 250);
    tw_transport_close(r.t);
    rig_close(&r);
}
END_TEST
#line 446 "chapters/tier7-tests.nw"
START_TEST(callbacks_in_order_over_a_socketpair)
{
    struct rig r;
    rig_open(&r, rec_factory, NULL);
    ck_assert_str_eq(trace, "made");
    ck_assert_ptr_eq(last_rec->transport, r.t);
    ck_assert_int_eq(write(r.sv[1], "abc", 3), 3);
    shutdown(r.sv[1], SHUT_WR);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made data:abc eof lost:None");
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert_int_eq((int)tw_transport_get_extra_info(r.t, "socket", TW_NONE).i, -1);
    rig_close(&r);
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
    struct rig r;
    char buf[16] = "";
    rig_open(&r, keep_open_factory, "bye");
    shutdown(r.sv[1], SHUT_WR);
    run_for(r.L, 0.01);
    ck_assert_str_eq(trace, "made eof");
    ck_assert(!tw_transport_is_closing(r.t));
    ck_assert_int_eq(read(r.sv[1], buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "bye");
    tw_transport_close(r.t);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made eof lost:None");
    ck_assert_int_eq(read(r.sv[1], buf, sizeof buf), 0);
    rig_close(&r);
}
END_TEST

START_TEST(abort_discards_and_reports_once)
{
    struct rig r;
    size_t buffered;
    rig_open(&r, rec_factory, NULL);
    buffered = fill(r.t);
    ck_assert_uint_gt(buffered, 0);
    tw_transport_abort(r.t);
    tw_transport_abort(r.t);
    tw_transport_close(r.t);
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    run_for(r.L, 0.01);
    ck_assert_str_eq(trace, "made lost:None");
    ck_assert_ptr_null(tw_transport_write(r.t, "late", 4));   /* dropped */
    rig_close(&r);
}
END_TEST

#line 518 "chapters/tier7-tests.nw"
static void write_six_times_after_abort(void *arg)
{
    struct rig r;
    (void)arg;
    rig_open(&r, rec_factory, NULL);
    tw_transport_abort(r.t);
    run_until(r.L, rec_is_lost, last_rec);
    for (int i = 0; i < 6; i++) {
        tw_transport_write(r.t, "late", 4);
        fprintf(stderr, "write %d\n", i + 1);
    }
    rig_close(&r);
}

START_TEST(writes_after_loss_warn_from_the_fifth)
{
    char err[1024];
    run_child(write_six_times_after_abort, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(strstr(err, "write 1\nwrite 2\nwrite 3\nwrite 4\n"
                                      "socket.send() raised exception.\nwrite 5\n"
                                      "socket.send() raised exception.\nwrite 6\n"));
}
END_TEST

#line 543 "chapters/tier7-tests.nw"
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
    tw_unref(s);
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
    struct rig r;
    rig_open(&r, rec_factory, NULL);
    ck_assert_int_eq(write(r.sv[1], "early", 5), 5);
    tw_call_later(r.L, 3600, note_timer, NULL, NULL);
    run_for(r.L, 3601);
    ck_assert_str_eq(trace, "made data:early timer");
    tw_transport_close(r.t);
    rig_close(&r);
}
END_TEST

START_TEST(closing_the_loop_closes_transports)
{
    struct rig r;
    tw_server *s;
    rig_open(&r, rec_factory, NULL);
    s = await_value(r.L, tw_create_server(r.L, plain_factory, NULL, "127.0.0.1", 0, NULL)).p;
    fill(r.t);
    tw_loop_free(r.L);
    r.L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);   /* for rig_close */
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert(!tw_server_is_serving(s));
    tw_unref(s);
    rig_close(&r);
}
END_TEST
#line 837 "chapters/tier7-tests.nw"
struct pipe_rig { int before, fds[2], far; tw_loop *L; tw_transport *t; };

static void pipe_rig_open(struct pipe_rig *r, bool writer, tw_protocol_factory factory,
                          void *arg)
{
    int end = writer ? 1 : 0;
    r->before = open_fds();
    r->L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    trace[0] = '\0';
    ck_assert_int_eq(pipe(r->fds), 0);
    r->far = r->fds[1 - end];
    fcntl(r->far, F_SETFL, O_NONBLOCK);
    r->t = await_value(r->L, (writer ? tw_connect_write_pipe : tw_connect_read_pipe)(
                                 r->L, factory, arg, r->fds[end])).p;
}

static void pipe_rig_close(struct pipe_rig *r)
{
    tw_unref(r->t);
    if (r->far >= 0)
        close(r->far);
    tw_loop_free(r->L);
    ck_assert_int_eq(open_fds(), r->before);
}

static void close_far_end(struct pipe_rig *r)
{
    close(r->far);
    r->far = -1;
}
#line 875 "chapters/tier7-tests.nw"
START_TEST(read_pipe_eof_then_lost)
{
    struct pipe_rig r;
    pipe_rig_open(&r, false, keep_open_factory, NULL);
    ck_assert(tw_transport_is(r.t, TW_TRANSPORT_READ));
    ck_assert(!tw_transport_is(r.t, TW_TRANSPORT_WRITE));
    ck_assert_int_eq((int)tw_transport_get_extra_info(r.t, "pipe", TW_NONE).i, r.fds[0]);
    ck_assert_int_eq(tw_transport_get_extra_info(r.t, "peername", TW_INT(7)).i, 7);
    ck_assert_int_eq(write(r.far, "abc", 3), 3);
    close_far_end(&r);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made data:abc eof lost:None");
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert(!tw_transport_is_reading(r.t));
    ck_assert_int_eq((int)tw_transport_get_extra_info(r.t, "pipe", TW_NONE).i, -1);
    pipe_rig_close(&r);
}
END_TEST

START_TEST(read_pipe_pause_and_resume)
{
    struct pipe_rig r;
    pipe_rig_open(&r, false, rec_factory, NULL);
    tw_transport_pause_reading(r.t);
    tw_transport_pause_reading(r.t);
    ck_assert(!tw_transport_is_reading(r.t));
    ck_assert_int_eq(write(r.far, "abc", 3), 3);
    run_for(r.L, 1);
    ck_assert_str_eq(trace, "made");
    tw_transport_resume_reading(r.t);
    tw_transport_resume_reading(r.t);
    ck_assert(tw_transport_is_reading(r.t));
    run_for(r.L, 0.01);
    ck_assert_str_eq(trace, "made data:abc");
    tw_transport_close(r.t);
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made data:abc lost:None");
    pipe_rig_close(&r);
}
END_TEST
#line 925 "chapters/tier7-tests.nw"
START_TEST(write_pipe_sees_its_reader_close)
{
    struct pipe_rig r;
    pipe_rig_open(&r, true, rec_factory, NULL);
    ck_assert(tw_transport_is(r.t, TW_TRANSPORT_WRITE));
    ck_assert(!tw_transport_is(r.t, TW_TRANSPORT_READ));
    ck_assert(tw_transport_can_write_eof(r.t));
    ck_assert_ptr_null(tw_transport_write(r.t, "hi", 2));
    ck_assert_int_eq(drain(r.far), 2);
    close_far_end(&r);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made lost:None");
    ck_assert_ptr_null(tw_transport_write(r.t, "late", 4));   /* dropped */
    pipe_rig_close(&r);
}
END_TEST

START_TEST(write_pipe_reader_gone_with_bytes_buffered)
{
    struct pipe_rig r;
    pipe_rig_open(&r, true, rec_factory, NULL);
    ck_assert_uint_gt(fill(r.t), 0);
    close_far_end(&r);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made lost:BrokenPipeError");
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), 0);
    tw_unref(r.t);
    tw_loop_free(r.L);
    ck_assert_int_eq(open_fds(), r.before);
    pipe_rig_open(&r, true, rec_factory, NULL);
    close_far_end(&r);
    ck_assert_ptr_null(tw_transport_write(r.t, "x", 1));      /* EPIPE, not SIGPIPE */
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(trace, "made lost:BrokenPipeError");
    pipe_rig_close(&r);
}
END_TEST
#line 972 "chapters/tier7-tests.nw"
START_TEST(write_pipe_flow_control)
{
    struct pipe_rig r;
    size_t base;
    struct drained d;
    pipe_rig_open(&r, true, rec_factory, NULL);
    tw_transport_set_write_buffer_limits(r.t, 1L << 30, TW_LIMIT_DEFAULT);
    base = fill(r.t);
    tw_transport_set_write_buffer_limits(r.t, (long)base + 10, (long)base + 5);
    tw_transport_write(r.t, "0123456789", 10);
    ck_assert_str_eq(trace, "made");
    tw_transport_write(r.t, "!", 1);
    ck_assert_str_eq(trace, "made pause");
    d = (struct drained){ r.t, r.far, 0 };
    ck_assert(run_until(r.L, all_drained, &d));
    ck_assert_str_eq(trace, "made pause resume");
    tw_transport_close(r.t);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    pipe_rig_close(&r);
}
END_TEST

START_TEST(write_pipe_close_flushes_then_drops)
{
    struct pipe_rig r;
    size_t buffered, total;
    char c;
    pipe_rig_open(&r, true, rec_factory, NULL);
    tw_transport_set_write_buffer_limits(r.t, 1L << 30, TW_LIMIT_DEFAULT);
    buffered = fill(r.t);
    ck_assert_ptr_null(tw_transport_write_eof(r.t));
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert_ptr_null(tw_transport_write(r.t, "more", 4));
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), buffered);
    total = drain(r.far);
    for (int i = 0; i < 5000 && !last_rec->lost; i++) {
        run_for(r.L, 0.001);
        total += drain(r.far);
    }
    ck_assert_str_eq(trace, "made lost:None");
    ck_assert_int_eq(read(r.far, &c, 1), 0);                   /* end-of-file */
    ck_assert_uint_eq(total % 65536, buffered % 65536);
    pipe_rig_close(&r);
}
END_TEST
#line 1024 "chapters/tier7-tests.nw"
START_TEST(pipe_transports_refuse_regular_files)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    FILE *file = tmpfile();
    tw_value v;
    tw_error *e = tw_loop_run_until_complete(L, tw_connect_read_pipe(L, rec_factory, NULL,
                                                                     fileno(file)), &v);
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    ck_assert_str_eq(tw_error_str(e), "Pipe transport is for pipes/sockets/character devices only.");
    tw_unref(e);
    ck_assert_int_ne(fcntl(fileno(file), F_GETFD), -1);     /* still open */
    fclose(file);
    tw_loop_free(L);
}
END_TEST

struct exit_watcher { tw_protocol base; tw_future *exited; };

static tw_error *child_exited(tw_protocol *p)
{
    return tw_future_set_result(((struct exit_watcher *)(void *)p)->exited, TW_NONE);
}

START_TEST(subprocess_transport_is_a_subprocess_transport)
{
    static const char *const argv[] = { "/bin/sleep", "10", NULL };
    static const tw_protocol_class cls = {
        .name = "SubprocessProtocol", .kind = TW_PROTOCOL_SUBPROCESS,
        .process_exited = child_exited,
    };
    int before = open_fds(), code = 0;
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    struct exit_watcher w = { .exited = tw_future_new(L) };
    tw_transport *t;
    tw_protocol_init(&w.base, &cls);
    ck_assert_ptr_null(tw_loop_subprocess_exec(L, &w.base, argv, NULL, &t));
    ck_assert(tw_transport_is(t, TW_TRANSPORT_BASE));
    ck_assert(tw_transport_is(t, TW_TRANSPORT_SUBPROCESS));
    ck_assert(!tw_transport_is(t, TW_TRANSPORT_READ));
    ck_assert(!tw_transport_is(t, TW_TRANSPORT_WRITE));
    ck_assert_int_eq(tw_transport_get_extra_info(t, "subprocess", TW_NONE).i,
                     tw_subprocess_transport_get_pid(t));
    ck_assert_ptr_eq(tw_transport_get_protocol(t), &w.base);
    ck_assert(!tw_transport_is_closing(t));
    tw_transport_close(t);                                   /* kills the child */
    ck_assert(tw_transport_is_closing(t));
    await_value(L, tw_ref(w.exited));
    ck_assert(tw_subprocess_transport_get_returncode(t, &code));
    ck_assert_int_eq(code, -9);
    tw_unref(t);
    tw_unref(w.exited);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 619 "chapters/tier7-tests.nw"
struct recorder { tw_transport base; char text[64]; };

static tw_error *recorder_write(tw_transport *t, const void *data, size_t n)
{
    struct recorder *r = (struct recorder *)t;
    if (n == 3 && memcmp(data, "bad", 3) == 0)
        return tw_error_new(TW_ERR_VALUE, "bad line");
    strncat(r->text, data, n);
    return NULL;
}

static tw_error *recorder_signal(tw_transport *t, int sig)
{
    snprintf(((struct recorder *)t)->text, sizeof ((struct recorder *)t)->text, "signal %d", sig);
    return NULL;
}

static const tw_transport_class recorder_class = {
    .name = "Recorder", .write = recorder_write, .send_signal = recorder_signal,
};

static void pause_a_recorder(void *r) { tw_transport_pause_reading(r); }
static void wait_for_a_recorder(void *r) { tw_coro_close(tw_subprocess_transport_wait(r)); }

static void make_a_small_protocol(void *arg) { (void)arg; tw_protocol_new(&plain_class, 1); }

static void ask_a_plain_protocol_for_a_buffer(void *arg)
{
    tw_protocol *p = tw_protocol_new(&plain_class, sizeof *p);
    void *buf;
    size_t len;
    (void)arg;
    tw_protocol_get_buffer(p, -1, &buf, &len);
}

START_TEST(a_transport_class_gets_the_defaults)
{
    struct recorder r = { .text = "" };
    struct iovec lines[] = { { (void *)"one ", 4 }, { (void *)"two", 3 } };
    struct iovec bad[] = { { (void *)"bad", 3 }, { (void *)"never", 5 } };
    tw_protocol *plain = tw_protocol_new(&plain_class, sizeof *plain);
    tw_error *exc = tw_error_new(TW_ERR_OS, "refused"), *e;
    tw_transport_init(&r.base, &recorder_class, NULL, NULL);
    ck_assert_ptr_null(tw_transport_writelines(&r.base, lines, 2));
    ck_assert_str_eq(r.text, "one two");
    e = tw_transport_writelines(&r.base, bad, 2);
    ck_assert_str_eq(tw_error_message(e), "bad line");
    ck_assert_str_eq(r.text, "one two");
    tw_unref(e);
    ck_assert_ptr_null(tw_subprocess_transport_terminate(&r.base));
    ck_assert_str_eq(r.text, "signal 15");
    ck_assert_ptr_null(tw_subprocess_transport_kill(&r.base));
    ck_assert_str_eq(r.text, "signal 9");
    ck_assert_ptr_null(tw_protocol_error_received(plain, exc));
    tw_unref(exc);
    tw_unref(plain);
    ck_assert(dies_saying(pause_a_recorder, &r, "Recorder does not implement pause_reading (NotImplementedError)"));
    ck_assert(dies_saying(wait_for_a_recorder, &r, "Recorder does not implement wait (NotImplementedError)"));
    ck_assert(dies_saying(make_a_small_protocol, NULL, "tw_protocol_new: object smaller than tw_protocol"));
    ck_assert(dies_saying(ask_a_plain_protocol_for_a_buffer, NULL,
                          "Protocol does not implement get_buffer (NotImplementedError)"));
    tw_unref(&r.base);
}
END_TEST
#line 692 "chapters/tier7-tests.nw"
static const tw_transport_class bare_class = { .name = "Bare" };
static const tw_transport_class nameless_class = { 0 };
static tw_transport bare;

static void call_close(void *t) { tw_transport_close(t); }
static void call_is_closing(void *t) { tw_transport_is_closing(t); }
static void call_is_reading(void *t) { tw_transport_is_reading(t); }
static void call_resume_reading(void *t) { tw_transport_resume_reading(t); }
static void call_write(void *t) { tw_unref(tw_transport_write(t, "x", 1)); }
static void call_writelines(void *t)
{
    struct iovec line = { (void *)"x", 1 };
    tw_unref(tw_transport_writelines(t, &line, 1));
}
static void call_write_eof(void *t) { tw_unref(tw_transport_write_eof(t)); }
static void call_can_write_eof(void *t) { tw_transport_can_write_eof(t); }
static void call_abort(void *t) { tw_transport_abort(t); }
static void call_buffer_size(void *t) { tw_transport_get_write_buffer_size(t); }
static void call_get_limits(void *t)
{
    size_t low, high;
    tw_transport_get_write_buffer_limits(t, &low, &high);
}
static void call_set_limits(void *t) { tw_unref(tw_transport_set_write_buffer_limits(t, 10, 5)); }
static void call_sendto(void *t) { tw_unref(tw_transport_sendto(t, "x", 1, NULL)); }
static void call_get_pid(void *t) { tw_subprocess_transport_get_pid(t); }
static void call_get_returncode(void *t)
{
    int code;
    tw_subprocess_transport_get_returncode(t, &code);
}
static void call_get_pipe(void *t) { tw_subprocess_transport_get_pipe_transport(t, 1); }
static void call_send_signal(void *t) { tw_unref(tw_subprocess_transport_send_signal(t, SIGTERM)); }

static void update_a_plain_protocol(void *arg)
{
    tw_protocol *p = tw_protocol_new(&plain_class, sizeof *p);
    (void)arg;
    tw_protocol_buffer_updated(p, 1);
}

START_TEST(every_method_without_a_fallback_is_not_implemented)
{
    static const struct { const char *method; void (*call)(void *); } methods[] = {
        { "close", call_close }, { "is_closing", call_is_closing },
        { "is_reading", call_is_reading }, { "resume_reading", call_resume_reading },
        { "write", call_write }, { "write", call_writelines },
        { "write_eof", call_write_eof }, { "can_write_eof", call_can_write_eof },
        { "abort", call_abort }, { "get_write_buffer_size", call_buffer_size },
        { "get_write_buffer_limits", call_get_limits },
        { "set_write_buffer_limits", call_set_limits }, { "sendto", call_sendto },
        { "get_pid", call_get_pid }, { "get_returncode", call_get_returncode },
        { "get_pipe_transport", call_get_pipe }, { "send_signal", call_send_signal },
    };
    char expected[128];
    tw_transport nameless;
    tw_transport_init(&bare, &bare_class, NULL, NULL);
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        snprintf(expected, sizeof expected, "Bare does not implement %s (NotImplementedError)",
                 methods[i].method);
        ck_assert_msg(dies_saying(methods[i].call, &bare, expected), "%s", expected);
    }
    tw_unref(&bare);
    tw_transport_init(&nameless, &nameless_class, NULL, NULL);
    ck_assert(dies_saying(call_close, &nameless,
                          "the transport does not implement close (NotImplementedError)"));
    ck_assert(dies_saying(update_a_plain_protocol, NULL,
                          "Protocol does not implement buffer_updated (NotImplementedError)"));
    tw_unref(&nameless);
}
END_TEST

START_TEST(transports_and_protocols_describe_themselves_by_class)
{
    char expected[64];
    tw_transport t, nameless;
    tw_protocol *p = tw_protocol_new(&plain_class, sizeof *p);
    static const tw_protocol_class nameless_protocol = { 0 };
    tw_protocol *q = tw_protocol_new(&nameless_protocol, sizeof *q);
    tw_transport_init(&t, &bare_class, NULL, NULL);
    tw_transport_init(&nameless, &nameless_class, NULL, NULL);
    snprintf(expected, sizeof expected, "<Bare object at %p>", (void *)&t);
    assert_describes_as(&t, expected);
    snprintf(expected, sizeof expected, "<Transport object at %p>", (void *)&nameless);
    assert_describes_as(&nameless, expected);
    snprintf(expected, sizeof expected, "<Protocol object at %p>", (void *)p);
    assert_describes_as(p, expected);
    snprintf(expected, sizeof expected, "<Protocol object at %p>", (void *)q);
    assert_describes_as(q, expected);
    tw_unref(p);
    tw_unref(q);
    tw_unref(&t);
    tw_unref(&nameless);
}
END_TEST
#line 798 "chapters/tier7-tests.nw"
static bool got_after(void *arg)
{
    (void)arg;
    return strstr(trace, "data:after") != NULL;
}

START_TEST(sendfile_fallback_gives_the_transport_back)
{
    struct rig r;
    int fds[2];
    char got[8] = "";
    tw_error *err;
    rig_open(&r, rec_factory, NULL);
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], "through", 7), 7);
    err = tw_loop_run_until_complete(r.L, tw_loop_sendfile(r.L, r.t, fds[0], 0, 7, true), NULL);
    ck_assert_str_eq(tw_error_type(err), "OSError");
    tw_unref(err);
    ck_assert_int_eq(recv(r.sv[1], got, 7, MSG_WAITALL), 7);
    ck_assert_str_eq(got, "through");
    ck_assert_ptr_eq(tw_transport_get_protocol(r.t), &last_rec->base);
    ck_assert(tw_transport_is_reading(r.t));
    ck_assert_int_eq(write(r.sv[1], "after", 5), 5);
    ck_assert(run_until(r.L, got_after, NULL));
    close(fds[0]);
    close(fds[1]);
    tw_transport_close(r.t);
    run_for(r.L, 0.01);
    rig_close(&r);
}
END_TEST

#line 230 "chapters/tier7-tests.nw"
Suite *tw_transport_suite(void)
{
    Suite *s = suite_create("transport");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, addresses_print_as_python_does);
    tcase_add_test(tc, a_transport_class_gets_the_defaults);
    tcase_add_test(tc, every_method_without_a_fallback_is_not_implemented);
    tcase_add_test(tc, transports_and_protocols_describe_themselves_by_class);
    tcase_add_test(tc, sendfile_fallback_gives_the_transport_back);
    tcase_add_test(tc, write_buffer_counts_exactly);
    tcase_add_test(tc, write_after_write_eof_is_refused);
    tcase_add_test(tc, pause_only_strictly_over_high);
    tcase_add_test(tc, new_limits_pause_at_once);
    tcase_add_test(tc, limits_are_validated);
    tcase_add_test(tc, callbacks_in_order_over_a_socketpair);
    tcase_add_test(tc, eof_kept_open_still_writes);
    tcase_add_test(tc, abort_discards_and_reports_once);
    tcase_add_test(tc, writes_after_loss_warn_from_the_fifth);
    tcase_add_test(tc, virtual_clock_jumps_over_an_idle_server);
    tcase_add_test(tc, data_already_sent_comes_before_a_jump);
    tcase_add_test(tc, closing_the_loop_closes_transports);
    tcase_add_test(tc, read_pipe_eof_then_lost);
    tcase_add_test(tc, read_pipe_pause_and_resume);
    tcase_add_test(tc, write_pipe_sees_its_reader_close);
    tcase_add_test(tc, write_pipe_reader_gone_with_bytes_buffered);
    tcase_add_test(tc, write_pipe_flow_control);
    tcase_add_test(tc, write_pipe_close_flushes_then_drops);
    tcase_add_test(tc, pipe_transports_refuse_regular_files);
    tcase_add_test(tc, subprocess_transport_is_a_subprocess_transport);
    suite_add_tcase(s, tc);
    return s;
}
