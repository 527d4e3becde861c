#line 19 "chapters/tier9-tests.nw"
/* check_stream.c -- unit tests of stream readers, writers and the stream protocol */
#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "tower.h"
#include "sockets.h"
#include "fatal.h"

#line 148 "chapters/tier9-tests.nw"
#define FAKE_TRANSPORT_FAIL(what) ck_abort_msg(what)
#include "fake_transport.h"

struct test_frame {
    tw_coro co;
    tw_stream_reader *r;
    struct fake_transport ft;
    tw_task *task;
    tw_error *saved;
    int i;
};

static tw_stream_reader *reader_with_limit(struct test_frame *f, ptrdiff_t limit)
{
    ck_assert_ptr_null(tw_stream_reader_new(NULL, limit, &f->r));
    tw_stream_reader_set_transport(f->r, fake_transport_init(&f->ft, true));
    return f->r;
}

static void feed(tw_stream_reader *r, const char *s)
{
    tw_stream_reader_feed_data(r, s, strlen(s));
}

static void expect_bytes_n(tw_coro *co, const void *data, size_t n)
{
    tw_bytes *b;
    if (TW_ERROR(co))
        ck_abort_msg("expected %zu bytes, got %s: %s", n, tw_error_type(TW_ERROR(co)),
                     tw_error_str(TW_ERROR(co)));
    b = TW_RESULT(co).p;
    ck_assert_uint_eq(b->len, n);
    ck_assert(memcmp(b->data, data, n) == 0);
    ck_assert_int_eq(b->data[n], 0);
    tw_bytes_free(b);
}

static void expect_bytes(tw_coro *co, const char *s)
{
    expect_bytes_n(co, s, strlen(s));
}

static tw_error *expect_error(tw_coro *co, tw_errkind kind, const char *msg)
{
    tw_error *e = TW_TAKE_ERROR(co);
    ck_assert_msg(e != NULL, "expected %s, got a result", msg ? msg : "an error");
    ck_assert_int_eq(tw_error_kind(e), kind);
    if (msg)
        ck_assert_str_eq(tw_error_str(e), msg);
    tw_unref(e);
    return e;          /* for comparing identities only */
}

static void run_test(tw_coro_fn body)
{
    struct test_frame *f = tw_coro_new(body, sizeof *f);
    tw_error *e = tw_run_clock(&f->co, TW_CLOCK_VIRTUAL, NULL);
    if (e)
        ck_abort_msg("test coroutine raised %s: %s", tw_error_type(e), tw_error_str(e));
}

struct feeder { tw_coro co; tw_stream_reader *r; const char *const *pieces; size_t i; };

static tw_step feeder_body(tw_coro *co)
{
    struct feeder *f = (struct feeder *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->pieces[f->i]; f->i++) {
        feed(f->r, f->pieces[f->i]);
        TW_AWAIT(co, tw_sleep(0.01));
    }
    tw_stream_reader_feed_eof(f->r);
    TW_END(co);
}

/* feeds the pieces (a NULL-terminated array) 10 ms apart, then EOF */
static tw_task *start_feeder(tw_stream_reader *r, const char *const *pieces)
{
    struct feeder *f = tw_coro_new(feeder_body, sizeof *f);
    f->r = r;
    f->pieces = pieces;
    return tw_create_task(&f->co, "feeder");
}

#define STREAM_TEST(name)                                               \
    static tw_step name##_body(tw_coro *co);                            \
    START_TEST(name) { run_test(name##_body); } END_TEST                \
    static tw_step name##_body(tw_coro *co)
#line 246 "chapters/tier9-tests.nw"
START_TEST(bytes_and_stream_errors)
{
    tw_bytes *b = tw_bytes_new("a\0b", 3);
    tw_error *e;
    size_t len;
    ck_assert_uint_eq(b->len, 3);
    ck_assert(memcmp(b->data, "a\0b", 4) == 0);
    tw_bytes_free(b);
    tw_bytes_free(NULL);

    e = tw_incomplete_read_error_new("ghij", 4, 10);
    ck_assert_str_eq(tw_error_type(e), "IncompleteReadError");
    ck_assert_str_eq(tw_error_str(e), "4 bytes read on a total of 10 expected bytes");
    ck_assert(tw_error_is(e, TW_ERR_EOF));
    ck_assert(tw_error_is(e, TW_ERR_INCOMPLETE_READ));
    ck_assert(memcmp(tw_incomplete_read_partial(e, &len), "ghij", 4) == 0);
    ck_assert_uint_eq(len, 4);
    ck_assert_int_eq(tw_incomplete_read_expected(e), 10);
    ck_assert_int_eq(tw_limit_overrun_consumed(e), 0);
    tw_unref(e);

    e = tw_incomplete_read_error_new(NULL, 0, -5);
    ck_assert_str_eq(tw_error_str(e), "0 bytes read on a total of undefined expected bytes");
    ck_assert_int_eq(tw_incomplete_read_expected(e), -1);
    tw_unref(e);

    e = tw_limit_overrun_error_new("too long", 17);
    ck_assert_str_eq(tw_error_type(e), "LimitOverrunError");
    ck_assert(!tw_error_is(e, TW_ERR_EOF));
    ck_assert_int_eq(tw_limit_overrun_consumed(e), 17);
    ck_assert_uint_eq(len = 99, 99);
    tw_incomplete_read_partial(e, &len);
    ck_assert_uint_eq(len, 0);
    tw_unref(e);

    /* the same kind made without attributes answers with the defaults */
    e = tw_error_new(TW_ERR_INCOMPLETE_READ, "no attributes");
    ck_assert_str_eq(tw_error_type(e), "IncompleteReadError");
    tw_incomplete_read_partial(e, &len);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(tw_incomplete_read_expected(e), -1);
    tw_unref(e);
    e = tw_error_new(TW_ERR_EOF, NULL);
    ck_assert_str_eq(tw_error_type(e), "EOFError");
    tw_unref(e);
}
END_TEST

START_TEST(reader_limit_must_be_positive)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_stream_reader *r = (tw_stream_reader *)1;
    tw_error *e = tw_stream_reader_new(L, 0, &r);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_VALUE);
    ck_assert_str_eq(tw_error_str(e), "Limit cannot be <= 0");
    tw_unref(e);
    e = tw_stream_reader_new(L, -1, &r);
    ck_assert_ptr_nonnull(e);
    tw_unref(e);
    ck_assert_ptr_null(tw_stream_reader_new(L, 1, &r));
    ck_assert(!tw_stream_reader_at_eof(r));
    assert_describes_as(r, "<StreamReader>");
    tw_stream_reader_feed_data(r, "x", 1);
    assert_describes_as(r, "<StreamReader buffered>");
    tw_stream_reader_feed_eof(r);
    assert_describes_as(r, "<StreamReader eof buffered>");
    tw_unref(r);
    ck_assert_ptr_null(tw_stream_reader_new(L, 1, &r));
    tw_stream_reader_feed_eof(r);
    assert_describes_as(r, "<StreamReader eof>");
    tw_unref(r);
    tw_loop_free(L);
}
END_TEST
#line 329 "chapters/tier9-tests.nw"
STREAM_TEST(read_counts_and_eof)
{
    struct test_frame *f = (struct test_frame *)co;
    static const char *const pieces[] = { "abc", "defg", "", "hij", NULL };
    TW_BEGIN(co);
    reader_with_limit(f, 4);
    ck_assert(!tw_stream_reader_at_eof(f->r));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 0));      /* even with nothing there */
    expect_bytes(co, "");
    f->task = start_feeder(f->r, pieces);
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 100));    /* waits, returns the first feed */
    expect_bytes(co, "abc");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 2));
    expect_bytes(co, "de");
    ck_assert(!tw_stream_reader_at_eof(f->r));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, -1));     /* blocks of at most 4, to EOF */
    expect_bytes(co, "fghij");
    ck_assert(tw_stream_reader_at_eof(f->r));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, -1));
    expect_bytes(co, "");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 100));
    expect_bytes(co, "");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "");
    TW_AWAIT(co, f->task);
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(readline_lines_and_tail)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    {
        static const char data[] = "one\ntwo\n\nnul\0byte\nlast line without newline";
        tw_stream_reader_feed_data(f->r, data, sizeof data - 1);
    }
    tw_stream_reader_feed_eof(f->r);
    tw_stream_reader_feed_eof(f->r);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "one\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "two\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes_n(co, "nul\0byte\n", 9);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "last line without newline");
    ck_assert(tw_stream_reader_at_eof(f->r));
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(readexactly_counts_and_partial)
{
    struct test_frame *f = (struct test_frame *)co;
    static const char *const pieces[] = { "ab", "c", "defghij", NULL };
    TW_BEGIN(co);
    reader_with_limit(f, 4);
    f->task = start_feeder(f->r, pieces);
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, -1));
    expect_error(co, TW_ERR_VALUE, "readexactly size can not be less than zero");
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 0));
    expect_bytes(co, "");
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 3));   /* across two feeds */
    expect_bytes(co, "abc");
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 3));
    expect_bytes(co, "def");
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 10));  /* more than the limit */
    {
        size_t len;
        tw_error *e = TW_ERROR(co);
        ck_assert(tw_error_is(e, TW_ERR_EOF));
        ck_assert_int_eq(tw_incomplete_read_expected(e), 10);
        ck_assert(memcmp(tw_incomplete_read_partial(e, &len), "ghij", 4) == 0);
        ck_assert_uint_eq(len, 4);
        ck_assert_str_eq(tw_error_str(e), "4 bytes read on a total of 10 expected bytes");
        TW_CLEAR(co);
    }
    ck_assert(tw_stream_reader_at_eof(f->r));
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 1));
    ck_assert_int_eq(tw_incomplete_read_expected(TW_ERROR(co)), 1);
    expect_error(co, TW_ERR_INCOMPLETE_READ, "0 bytes read on a total of 1 expected bytes");
    TW_AWAIT(co, f->task);
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(readuntil_separators_split_across_feeds)
{
    struct test_frame *f = (struct test_frame *)co;
    static const char *const pieces[] = { "first\r", "\nsec", "ond|", "|", "|third||", "x", "y",
                                          "E", "N", "D", "tail", NULL };
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    f->task = start_feeder(f->r, pieces);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "", 0));
    expect_error(co, TW_ERR_VALUE, "Separator should be at least one-byte string");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "\r\n", 2));
    expect_bytes(co, "first\r\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "|||", 3));
    expect_bytes(co, "second|||");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "||", 2));
    expect_bytes(co, "third||");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "END", 3));   /* one byte a feed */
    expect_bytes(co, "xyEND");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, -1));
    expect_bytes(co, "tail");
    TW_AWAIT(co, f->task);
    /* a separator with a zero byte in it, and one that is the whole buffer */
    tw_unref(f->r);
    reader_with_limit(f, 8);
    tw_stream_reader_feed_data(f->r, "a\0b\0\0cd\0\0", 9);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "\0\0", 2));
    expect_bytes_n(co, "a\0b\0\0", 5);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "cd\0\0", 4));
    expect_bytes_n(co, "cd\0\0", 4);
    ck_assert_uint_eq(tw_stream_reader_buffered(f->r), 0);
    tw_unref(f->r);
    TW_END(co);
}
#line 465 "chapters/tier9-tests.nw"
STREAM_TEST(readuntil_at_the_limit)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, 8);
    feed(f->r, "01234567;012345678;rest");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, ";", 1));
    expect_bytes(co, "01234567;");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, ";", 1));
    ck_assert_int_eq(tw_limit_overrun_consumed(TW_ERROR(co)), 9);
    ck_assert(!tw_error_is(TW_ERROR(co), TW_ERR_EOF));
    expect_error(co, TW_ERR_LIMIT_OVERRUN, "Separator is found, but chunk is longer than limit");
    ck_assert_uint_eq(tw_stream_reader_buffered(f->r), 14);   /* the data stays */
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 10));
    expect_bytes(co, "012345678;");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(readuntil_not_found_at_the_limit)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, 8);
    feed(f->r, "0123456789");                      /* limit + seplen - 1 bytes */
    f->task = tw_create_task(tw_stream_reader_readuntil(f->r, "END", 3), "reader");
    TW_AWAIT(co, tw_sleep(0.01));
    ck_assert(!tw_future_done(tw_task_future(f->task)));   /* still waiting */
    feed(f->r, "A");
    TW_AWAIT_TRY(co, f->task);
    ck_assert_int_eq(tw_limit_overrun_consumed(TW_ERROR(co)), 9);
    expect_error(co, TW_ERR_LIMIT_OVERRUN, "Separator is not found, and chunk exceed the limit");
    ck_assert_uint_eq(tw_stream_reader_buffered(f->r), 11);
    /* at EOF an over-long buffer is still over the limit, not incomplete */
    tw_stream_reader_feed_eof(f->r);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "END", 3));
    expect_error(co, TW_ERR_LIMIT_OVERRUN, NULL);
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, -1));
    expect_bytes(co, "0123456789A");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(default_limit_is_64k)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    ck_assert_ptr_null(tw_stream_reader_new(NULL, TW_STREAM_LIMIT, &f->r));
    {
        static char big[2 * 65536 + 8];
        memset(big, 'a', 65536);
        big[65536] = '\n';
        memset(big + 65537, 'b', 65537);
        big[2 * 65537] = '\n';
        tw_stream_reader_feed_data(f->r, big, 2 * 65537 + 1);
        feed(f->r, "tail\n");
    }
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    ck_assert_uint_eq(((tw_bytes *)TW_RESULT(co).p)->len, 65537);
    tw_bytes_free(TW_RESULT(co).p);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_error(co, TW_ERR_VALUE, "Separator is found, but chunk is longer than limit");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "tail\n");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(readline_over_the_limit)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, 8);
    feed(f->r, "short\nthis line is too long\nnext\n");
    tw_stream_reader_feed_eof(f->r);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "short\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    ck_assert(!tw_error_is(TW_ERROR(co), TW_ERR_LIMIT_OVERRUN));
    expect_error(co, TW_ERR_VALUE, "Separator is found, but chunk is longer than limit");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "next\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "");
    tw_unref(f->r);
    /* no newline in the buffer: the whole buffer goes */
    reader_with_limit(f, 8);
    feed(f->r, "0123456789");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_error(co, TW_ERR_VALUE, "Separator is not found, and chunk exceed the limit");
    ck_assert_uint_eq(tw_stream_reader_buffered(f->r), 0);
    feed(f->r, "ok\n");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "ok\n");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(readuntil_at_eof_resets)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    feed(f->r, "abc;defgh!");
    tw_stream_reader_feed_eof(f->r);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, ";", 1));
    expect_bytes(co, "abc;");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "!!", 2));
    {
        size_t len;
        const unsigned char *p = tw_incomplete_read_partial(TW_ERROR(co), &len);
        ck_assert_uint_eq(len, 6);
        ck_assert(memcmp(p, "defgh!", 6) == 0);
        ck_assert_int_eq(tw_incomplete_read_expected(TW_ERROR(co)), -1);
    }
    expect_error(co, TW_ERR_INCOMPLETE_READ, "6 bytes read on a total of undefined expected bytes");
    ck_assert(tw_stream_reader_at_eof(f->r));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, -1));
    expect_bytes(co, "");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, ";", 1));
    expect_error(co, TW_ERR_INCOMPLETE_READ, "0 bytes read on a total of undefined expected bytes");
    tw_unref(f->r);
    TW_END(co);
}
#line 592 "chapters/tier9-tests.nw"
STREAM_TEST(stored_exception_raised_by_every_read)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, 4);
    feed(f->r, "hello");
    f->task = tw_create_task(tw_stream_reader_read(f->r, -1), "reader");
    TW_AWAIT(co, tw_sleep(0.01));             /* it has read "hello" and waits */
    f->saved = tw_error_new(TW_ERR_OS, "Connection reset by peer");
    tw_stream_reader_set_exception(f->r, tw_ref(f->saved));
    ck_assert_ptr_eq(tw_stream_reader_exception(f->r), f->saved);
    TW_AWAIT_TRY(co, f->task);                /* the blocks it had are lost */
    ck_assert_ptr_eq(expect_error(co, TW_ERR_OS, "Connection reset by peer"), f->saved);
    feed(f->r, "more\n");                     /* still accepted, never read */
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    ck_assert_ptr_eq(expect_error(co, TW_ERR_OS, NULL), f->saved);
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 0));
    ck_assert_ptr_eq(expect_error(co, TW_ERR_OS, NULL), f->saved);
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 0));
    ck_assert_ptr_eq(expect_error(co, TW_ERR_OS, NULL), f->saved);
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, -1));  /* the count comes first */
    expect_error(co, TW_ERR_VALUE, NULL);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "", 0));  /* so does the separator */
    expect_error(co, TW_ERR_VALUE, NULL);
    ck_assert_uint_eq(tw_stream_reader_buffered(f->r), 5);
    tw_unref(f->saved);
    /* an IncompleteReadError stored in the reader is what readline returns */
    tw_stream_reader_set_exception(f->r, tw_incomplete_read_error_new("part", 4, -1));
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "part");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(cancelled_read_loses_nothing)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    feed(f->r, "partial line");
    f->task = tw_create_task(tw_stream_reader_readline(f->r), "reader");
    TW_AWAIT(co, tw_sleep(0.01));
    tw_task_cancel(f->task, NULL);
    feed(f->r, " and the rest\n");           /* fed before the task sees the cancel */
    TW_AWAIT_TRY(co, f->task);
    expect_error(co, TW_ERR_CANCELLED, NULL);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "partial line and the rest\n");
    /* cancelled with nothing fed in between: the next read waits normally */
    f->task = tw_create_task(tw_stream_reader_readexactly(f->r, 4), "reader");
    TW_AWAIT(co, tw_sleep(0.01));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);
    expect_error(co, TW_ERR_CANCELLED, NULL);
    f->task = tw_create_task(tw_stream_reader_readexactly(f->r, 4), "reader");
    TW_AWAIT(co, tw_sleep(0.01));
    feed(f->r, "abcdef");
    TW_AWAIT_TRY(co, f->task);
    expect_bytes(co, "abcd");
    ck_assert_uint_eq(tw_stream_reader_buffered(f->r), 2);
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(wait_for_timeout_loses_nothing)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    feed(f->r, "late ");
    TW_AWAIT_TRY(co, tw_wait_for(tw_stream_reader_readline(f->r), 0.05));
    expect_error(co, TW_ERR_TIMEOUT, NULL);
    ck_assert(!tw_stream_reader_at_eof(f->r));
    feed(f->r, "line\nrest");
    tw_stream_reader_feed_eof(f->r);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_bytes(co, "late line\n");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, -1));
    expect_bytes(co, "rest");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(second_waiter_is_refused)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    f->task = tw_create_task(tw_stream_reader_readline(f->r), "first");
    TW_AWAIT(co, tw_sleep(0.01));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 5));
    expect_error(co, TW_ERR_RUNTIME,
                 "read() called while another coroutine is already waiting for incoming data");
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));
    expect_error(co, TW_ERR_RUNTIME,
                 "readuntil() called while another coroutine is already waiting for incoming data");
    feed(f->r, "x\n");                        /* the first reader was not disturbed */
    TW_AWAIT_TRY(co, f->task);
    expect_bytes(co, "x\n");
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(dropped_read_frees_its_waiter)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, TW_STREAM_LIMIT);
    tw_coro_close(tw_stream_reader_readline(f->r));   /* made, never awaited */
    f->task = tw_create_task(tw_stream_reader_readline(f->r), "reader");
    TW_AWAIT(co, tw_sleep(0.01));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);
    expect_error(co, TW_ERR_CANCELLED, NULL);
    /* a reader still waiting when the program ends: asyncio.run cancels it */
    tw_unref(tw_create_task(tw_stream_reader_readline(f->r), "left behind"));
    TW_AWAIT(co, tw_sleep(0.01));
    tw_unref(f->r);             /* the read keeps the reader alive */
    TW_END(co);
}

START_TEST(read_frame_freed_with_its_loop)
{
    /* the frame is freed while it waits; its waiter must leave the reader */
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_stream_reader *r;
    tw_task *t;
    ck_assert_ptr_null(tw_stream_reader_new(L, 16, &r));
    t = tw_loop_create_task(L, tw_stream_reader_readline(r), "reader");
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_sleep(0.01), NULL));
    ck_assert(!tw_future_done(tw_task_future(t)));
    tw_unref(t);
    tw_loop_free(L);
    tw_unref(r);
}
END_TEST
#line 738 "chapters/tier9-tests.nw"
static void feed_after_eof(void *arg)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_stream_reader *r;
    (void)arg;
    tw_unref(tw_stream_reader_new(L, 65536, &r));
    tw_stream_reader_feed_eof(r);
    tw_stream_reader_feed_data(r, "late", 4);
}

static void set_the_transport_twice(void *arg)
{
    static const tw_transport_class none = { .name = "None" };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport t;
    tw_stream_reader *r;
    (void)arg;
    tw_transport_init(&t, &none, L, NULL);
    tw_unref(tw_stream_reader_new(L, 65536, &r));
    tw_stream_reader_set_transport(r, &t);
    tw_stream_reader_set_transport(r, &t);
}

static void make_a_reader_without_a_loop(void *arg)
{
    tw_stream_reader *r;
    (void)arg;
    tw_unref(tw_stream_reader_new(NULL, 65536, &r));
}

static void make_a_protocol_without_a_loop(void *arg)
{
    (void)arg;
    tw_stream_protocol_new(NULL, NULL, NULL);
}

static void pause_or_resume(void *twice)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_stream_reader *r;
    tw_protocol *p;
    tw_unref(tw_stream_reader_new(L, 65536, &r));
    p = tw_stream_protocol_new(r, NULL, NULL);
    if (twice)
        tw_unref(tw_protocol_pause_writing(p));
    tw_unref(twice ? tw_protocol_pause_writing(p) : tw_protocol_resume_writing(p));
}

START_TEST(stream_misuse_is_fatal_and_named)
{
    ck_assert(dies_saying(feed_after_eof, NULL, "tw_stream_reader_feed_data: feed_data after feed_eof"));
    ck_assert(dies_saying(set_the_transport_twice, NULL,
                          "tw_stream_reader_set_transport: Transport already set"));
    ck_assert(dies_saying(make_a_reader_without_a_loop, NULL,
                          "tw_stream_reader_new: no loop given and no running event loop"));
    ck_assert(dies_saying(make_a_protocol_without_a_loop, NULL,
                          "tw_stream_protocol_new: no reader and no running event loop"));
    ck_assert(dies_saying(pause_or_resume, "twice", "StreamReaderProtocol.pause_writing: already paused"));
    ck_assert(dies_saying(pause_or_resume, NULL, "StreamReaderProtocol.resume_writing: not paused"));
}
END_TEST
#line 806 "chapters/tier9-tests.nw"
STREAM_TEST(flow_control_pauses_and_resumes)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    reader_with_limit(f, 4);
    feed(f->r, "12345678");
    ck_assert_int_eq(f->ft.pauses, 0);            /* exactly twice the limit */
    feed(f->r, "9");
    ck_assert_int_eq(f->ft.pauses, 1);
    feed(f->r, "abc");                            /* already paused */
    ck_assert_int_eq(f->ft.pauses, 1);
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 7));
    expect_bytes(co, "1234567");
    ck_assert_int_eq(f->ft.resumes, 0);           /* 5 left: over the limit */
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 1));
    expect_bytes(co, "8");
    ck_assert_int_eq(f->ft.resumes, 1);           /* 4 left */
    feed(f->r, "defgh");
    ck_assert_int_eq(f->ft.pauses, 2);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->r, "b", 1));
    expect_bytes(co, "9ab");
    ck_assert_int_eq(f->ft.resumes, 1);           /* 6 left */
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 2));
    expect_bytes(co, "cd");
    ck_assert_int_eq(f->ft.resumes, 2);
    feed(f->r, "ijklmnop\n");
    ck_assert_int_eq(f->ft.pauses, 3);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->r));   /* over the limit: ValueError */
    expect_error(co, TW_ERR_VALUE, NULL);
    ck_assert_int_eq(f->ft.resumes, 3);           /* readline's error path resumes */
    feed(f->r, "0123456789");
    ck_assert_int_eq(f->ft.pauses, 4);
    tw_stream_reader_feed_eof(f->r);
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 20));
    expect_error(co, TW_ERR_INCOMPLETE_READ, NULL);
    ck_assert_int_eq(f->ft.resumes, 3);           /* asyncio does not resume here */
    ck_assert(f->ft.paused);
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(read_while_paused_resumes_first)
{
    struct test_frame *f = (struct test_frame *)co;
    static const char *const pieces[] = { "0123456789", "abcdefghij", NULL };
    TW_BEGIN(co);
    reader_with_limit(f, 4);
    feed(f->r, "xxxxxxxxx");                      /* 9 bytes: paused */
    ck_assert(f->ft.paused);
    f->task = start_feeder(f->r, pieces);
    /* 29 bytes, more than 2 * limit: each wait must resume the transport */
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->r, 29));
    expect_bytes(co, "xxxxxxxxx0123456789abcdefghij");
    ck_assert_int_eq(f->ft.pauses, 3);
    ck_assert_int_eq(f->ft.resumes, 3);
    TW_AWAIT(co, f->task);
    tw_unref(f->r);
    TW_END(co);
}

STREAM_TEST(transport_that_cannot_pause_is_forgotten)
{
    struct test_frame *f = (struct test_frame *)co;
    TW_BEGIN(co);
    ck_assert_ptr_null(tw_stream_reader_new(NULL, 2, &f->r));
    tw_stream_reader_set_transport(f->r, fake_transport_init(&f->ft, false));
    feed(f->r, "12345");                          /* NotImplementedError: forgotten */
    feed(f->r, "678");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->r, 8));
    expect_bytes(co, "12345678");
    ck_assert_int_eq(f->ft.resumes, 0);
    /* forgotten, as asyncio sets _transport to None: a transport may be set again */
    tw_stream_reader_set_transport(f->r, fake_transport_init(&f->ft, true));
    feed(f->r, "12345");
    ck_assert_int_eq(f->ft.pauses, 1);
    tw_unref(f->r);
    TW_END(co);
}
#line 896 "chapters/tier9-tests.nw"
struct fake_wire {
    tw_transport base;
    size_t buffered, high, low;
    bool paused, closing, eof;
    int writes;
    char log[64];
};

static tw_error *wire_writelines(tw_transport *t, const struct iovec *iov, size_t n)
{
    struct fake_wire *fw = (struct fake_wire *)t;
    if (fw->eof)
        return tw_error_new(TW_ERR_RUNTIME, "Cannot call write() after write_eof()");
    fw->writes++;
    for (size_t i = 0; i < n; i++) {
        size_t room = sizeof fw->log - strlen(fw->log) - 1;
        strncat(fw->log, iov[i].iov_base, iov[i].iov_len < room ? iov[i].iov_len : room);
        fw->buffered += iov[i].iov_len;
    }
    if (!fw->paused && fw->buffered > fw->high) {
        fw->paused = true;
        ck_assert_ptr_null(tw_protocol_pause_writing(t->protocol));
    }
    return NULL;
}

static tw_error *wire_write(tw_transport *t, const void *data, size_t len)
{
    struct iovec iov = { (void *)data, len };
    return wire_writelines(t, &iov, 1);
}

static void wire_consume(struct fake_wire *fw, size_t n)
{
    fw->buffered -= n;
    if (fw->paused && fw->buffered <= fw->low) {
        fw->paused = false;
        ck_assert_ptr_null(tw_protocol_resume_writing(fw->base.protocol));
    }
}

static tw_error *wire_write_eof(tw_transport *t) { ((struct fake_wire *)t)->eof = true; return NULL; }
static bool wire_can_write_eof(const tw_transport *t) { (void)t; return true; }
static void wire_close(tw_transport *t) { ((struct fake_wire *)t)->closing = true; }
static bool wire_is_closing(const tw_transport *t) { return ((const struct fake_wire *)t)->closing; }

static bool wire_extra_info(tw_transport *t, const char *name, tw_value *v)
{
    if (strcmp(name, "wire") != 0)
        return false;
    *v = TW_PTR(t);
    return true;
}

static const tw_transport_class wire_class = {
    .name = "FakeWire", .kinds = TW_TRANSPORT_WRITE,
    .write = wire_write, .writelines = wire_writelines, .write_eof = wire_write_eof,
    .can_write_eof = wire_can_write_eof, .close = wire_close, .is_closing = wire_is_closing,
    .get_extra_info = wire_extra_info,
};

struct writer_frame {
    tw_coro co;
    struct fake_wire fw;
    tw_stream_reader *r;
    tw_stream_writer *w;
    tw_task *drain, *other;
    tw_future *closed;
    int i;
};

/* a writer on a new fake wire, its protocol told of the connection */
static tw_stream_writer *writer_on_wire(struct writer_frame *f, tw_stream_reader *r)
{
    tw_protocol *p = tw_stream_protocol_new(r, NULL, NULL);
    f->fw = (struct fake_wire){ .high = 65536, .low = 16384 };
    tw_transport_init(&f->fw.base, &wire_class, NULL, p);
    ck_assert_ptr_null(tw_protocol_connection_made(p, &f->fw.base));
    f->w = tw_stream_writer_new(&f->fw.base, p, r);
    return f->w;
}

/* the writer goes, then the wire's last reference, which frees the protocol */
static void writer_done(struct writer_frame *f)
{
    tw_unref(f->w);
    f->w = NULL;
    tw_unref(&f->fw.base);
}

static void lose_connection(struct writer_frame *f, tw_error *exc)
{
    ck_assert_ptr_null(tw_protocol_connection_lost(f->fw.base.protocol, exc));
    tw_unref(exc);
}

static void run_writer_test(tw_coro_fn body)
{
    struct writer_frame *f = tw_coro_new(body, sizeof *f);
    tw_error *e = tw_run_clock(&f->co, TW_CLOCK_VIRTUAL, NULL);
    if (e)
        ck_abort_msg("test coroutine raised %s: %s", tw_error_type(e), tw_error_str(e));
}

#define WRITER_TEST(name)                                               \
    static tw_step name##_body(tw_coro *co);                            \
    START_TEST(name) { run_writer_test(name##_body); } END_TEST         \
    static tw_step name##_body(tw_coro *co)

WRITER_TEST(writer_forwards_to_its_transport)
{
    struct writer_frame *f = (struct writer_frame *)co;
    static const struct iovec parts[] = { { "ab", 2 }, { "", 0 }, { "c", 1 } };
    tw_stream_writer *w;
    tw_error *e;
    TW_BEGIN(co);
    w = writer_on_wire(f, NULL);
    ck_assert_ptr_eq(tw_stream_writer_transport(w), &f->fw.base);
    {
        char expected[96];
        snprintf(expected, sizeof expected, "<StreamWriter transport=<FakeWire object at %p>>",
                 (void *)&f->fw.base);
        assert_describes_as(w, expected);
    }
    ck_assert_ptr_null(tw_stream_writer_write(w, "x", 1));
    ck_assert_ptr_null(tw_stream_writer_writelines(w, parts, 3));
    ck_assert_int_eq(f->fw.writes, 2);           /* the parts went in one write */
    ck_assert_str_eq(f->fw.log, "xabc");
    ck_assert_ptr_eq(tw_stream_writer_get_extra_info(w, "wire", TW_NONE).p, &f->fw.base);
    ck_assert_int_eq(tw_stream_writer_get_extra_info(w, "nothing", TW_INT(7)).i, 7);
    ck_assert(tw_stream_writer_can_write_eof(w));
    ck_assert_ptr_null(tw_stream_writer_write_eof(w));
    e = tw_stream_writer_write(w, "y", 1);
    ck_assert_str_eq(tw_error_str(e), "Cannot call write() after write_eof()");
    tw_unref(e);
    ck_assert(!tw_stream_writer_is_closing(w));
    tw_stream_writer_close(w);
    ck_assert(tw_stream_writer_is_closing(w));
    writer_done(f);
    TW_END(co);
}

WRITER_TEST(drain_waits_for_the_low_mark)
{
    struct writer_frame *f = (struct writer_frame *)co;
    TW_BEGIN(co);
    writer_on_wire(f, NULL);
    TW_AWAIT(co, tw_stream_writer_drain(f->w));   /* nothing buffered: at once */
    {
        static char big[4 * 1024 * 1024];
        ck_assert_ptr_null(tw_stream_writer_write(f->w, big, sizeof big));
    }
    ck_assert(f->fw.buffered > f->fw.high);
    f->drain = tw_create_task(tw_stream_writer_drain(f->w), "drain");
    for (f->i = 0; f->i < 10; f->i++)
        TW_AWAIT(co, tw_sleep(0.005));
    ck_assert(!tw_future_done(tw_task_future(f->drain)));
    while (f->fw.buffered > 0) {
        wire_consume(&f->fw, f->fw.buffered < (1 << 20) ? f->fw.buffered : (1 << 20));
        if (f->fw.buffered > f->fw.low)
            ck_assert(!tw_future_done(tw_task_future(f->drain)));
    }
    TW_AWAIT(co, f->drain);
    ck_assert(f->fw.buffered <= f->fw.low);
    writer_done(f);
    TW_END(co);
}

WRITER_TEST(drains_wait_together_and_cancel_alone)
{
    struct writer_frame *f = (struct writer_frame *)co;
    TW_BEGIN(co);
    writer_on_wire(f, NULL);
    f->fw.high = 4;
    f->fw.low = 1;
    tw_stream_writer_write(f->w, "12345", 5);
    f->drain = tw_create_task(tw_stream_writer_drain(f->w), "first");
    f->other = tw_create_task(tw_stream_writer_drain(f->w), "second");
    TW_AWAIT(co, tw_sleep(0.01));
    tw_task_cancel(f->other, NULL);
    TW_AWAIT_TRY(co, f->other);
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    TW_CLEAR(co);
    ck_assert(!tw_future_done(tw_task_future(f->drain)));
    wire_consume(&f->fw, 4);
    TW_AWAIT(co, f->drain);
    writer_done(f);
    TW_END(co);
}
#line 1096 "chapters/tier9-tests.nw"
WRITER_TEST(drain_after_trouble)
{
    struct writer_frame *f = (struct writer_frame *)co;
    TW_BEGIN(co);
    ck_assert_ptr_null(tw_stream_reader_new(NULL, TW_STREAM_LIMIT, &f->r));
    writer_on_wire(f, f->r);
    tw_unref(f->r);                 /* the writer keeps it */
    f->fw.high = 0;
    tw_stream_writer_write(f->w, "x", 1);         /* paused */
    f->drain = tw_create_task(tw_stream_writer_drain(f->w), "drain");
    TW_AWAIT(co, tw_sleep(0.01));
    lose_connection(f, tw_error_os(ECONNRESET, NULL));   /* wakes the paused drain */
    TW_AWAIT_TRY(co, f->drain);
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_OS));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CONNECTION));
    ck_assert_str_eq(tw_error_str(TW_ERROR(co)), "[Errno 104] Connection reset by peer");
    TW_CLEAR(co);
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->w));     /* the reader's stored error */
    ck_assert_ptr_eq(TW_ERROR(co), tw_stream_reader_exception(f->r));
    TW_CLEAR(co);
    TW_AWAIT_TRY(co, tw_stream_writer_wait_closed(f->w));
    ck_assert_str_eq(tw_error_type(TW_ERROR(co)), "ConnectionResetError");
    TW_CLEAR(co);
    writer_done(f);
    /* a clean close while paused lets the waiting drain return; later ones fail */
    writer_on_wire(f, NULL);
    f->fw.high = 0;
    tw_stream_writer_write(f->w, "x", 1);
    f->drain = tw_create_task(tw_stream_writer_drain(f->w), "drain");
    f->closed = tw_stream_writer_wait_closed(f->w);
    TW_AWAIT(co, tw_sleep(0.01));
    ck_assert(!tw_future_done(f->closed));
    lose_connection(f, NULL);
    TW_AWAIT(co, f->drain);
    TW_AWAIT(co, f->closed);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->w));   /* and again */
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->w));
    ck_assert_str_eq(tw_error_type(TW_ERROR(co)), "ConnectionResetError");
    ck_assert_str_eq(tw_error_str(TW_ERROR(co)), "Connection lost");
    TW_CLEAR(co);
    tw_stream_writer_close(f->w);                 /* closing: one turn first, same error */
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->w));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CONNECTION_RESET));
    TW_CLEAR(co);
    writer_done(f);
    /* the reader's stored error comes before anything else */
    ck_assert_ptr_null(tw_stream_reader_new(NULL, TW_STREAM_LIMIT, &f->r));
    writer_on_wire(f, f->r);
    tw_stream_reader_set_exception(f->r, tw_error_new(TW_ERR_VALUE, "bad"));
    tw_unref(f->r);
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->w));
    ck_assert_str_eq(tw_error_str(TW_ERROR(co)), "bad");
    TW_CLEAR(co);
    writer_done(f);
    TW_END(co);
}
#line 1160 "chapters/tier9-tests.nw"
struct handler_frame { tw_coro co; tw_stream_reader *r; tw_stream_writer *w; };

static void handler_cleanup(tw_coro *co)
{
    struct handler_frame *f = (struct handler_frame *)co;
    tw_unref(f->r);
    tw_unref(f->w);
}

static tw_step handler_body(tw_coro *co)
{
    struct handler_frame *f = (struct handler_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_readline(f->r));
    {
        tw_bytes *line = TW_RESULT(co).p;
        for (size_t i = 0; i < line->len; i++)
            line->data[i] = (unsigned char)(line->data[i] >= 'a' && line->data[i] <= 'z'
                                            ? line->data[i] - 'a' + 'A' : line->data[i]);
        tw_stream_writer_write(f->w, line->data, line->len);
        tw_bytes_free(line);
    }
    tw_stream_writer_close(f->w);
    TW_END(co);
}

static int handled;

static tw_coro *upper_handler(tw_stream_reader *r, tw_stream_writer *w, void *arg)
{
    struct handler_frame *f = tw_coro_new(handler_body, sizeof *f);
    ck_assert_ptr_eq(arg, &handled);
    handled++;
    f->co.cleanup = handler_cleanup;
    f->r = r;
    f->w = w;
    return &f->co;
}

WRITER_TEST(handler_runs_as_a_task)
{
    struct writer_frame *f = (struct writer_frame *)co;
    tw_protocol *p;
    TW_BEGIN(co);
    ck_assert_ptr_null(tw_stream_reader_new(NULL, TW_STREAM_LIMIT, &f->r));
    p = tw_stream_protocol_new(f->r, upper_handler, &handled);
    tw_unref(f->r);                 /* the protocol keeps it */
    f->fw = (struct fake_wire){ .high = 65536, .low = 16384 };
    tw_transport_init(&f->fw.base, &wire_class, NULL, p);
    ck_assert_ptr_null(tw_protocol_connection_made(p, &f->fw.base));
    ck_assert_int_eq(handled, 1);
    ck_assert_ptr_null(tw_protocol_data_received(p, "shout\n", 6));
    ck_assert_str_eq(f->fw.log, "");              /* the task has not run yet */
    TW_YIELD(co);
    TW_YIELD(co);
    ck_assert_str_eq(f->fw.log, "SHOUT\n");
    ck_assert(f->fw.closing);
    lose_connection(f, NULL);
    tw_unref(&f->fw.base);
    TW_END(co);
}
#line 1238 "chapters/tier9-tests.nw"
START_TEST(reading_pauses_the_socket_transport)
{
    static char data[1000];
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_stream_reader *r = NULL;
    tw_stream_writer *w = NULL;
    tw_transport *t;
    tw_error *e;
    pair(sv);
    /* a bad limit fails before the socket is taken over: it is still ours */
    e = tw_loop_run_until_complete(L, tw_open_unix_connection(NULL, sv[0], 0, &r, &w), NULL);
    ck_assert_str_eq(tw_error_str(e), "Limit cannot be <= 0");
    ck_assert(r == NULL && w == NULL);
    tw_unref(e);
    await_value(L, tw_open_unix_connection(NULL, sv[0], 16, &r, &w));
    t = tw_stream_writer_transport(w);
    ck_assert(tw_transport_is_reading(t));
    ck_assert_int_eq(write(sv[1], data, sizeof data), (int)sizeof data);
    run_for(L, 0.01);
    ck_assert_uint_eq(tw_stream_reader_buffered(r), sizeof data);
    ck_assert(!tw_transport_is_reading(t));       /* more than 2 * 16: paused */
    tw_bytes_free(await_value(L, tw_stream_reader_read(r, 10)).p);
    ck_assert(!tw_transport_is_reading(t));       /* 990 left */
    tw_bytes_free(await_value(L, tw_stream_reader_readexactly(r, 975)).p);
    ck_assert(tw_transport_is_reading(t));        /* 15 left: resumed */
    ck_assert_int_eq(write(sv[1], data, sizeof data), (int)sizeof data);
    run_for(L, 0.01);
    ck_assert(!tw_transport_is_reading(t));       /* paused again */
    /* lose the connection with the reader over its limit, then free the transport */
    tw_stream_writer_close(w);
    await_value(L, tw_stream_writer_wait_closed(w));
    tw_unref(w);
    tw_bytes_free(await_value(L, tw_stream_reader_readexactly(r, 1015)).p);
    ck_assert(tw_stream_reader_at_eof(r));
    tw_unref(r);
    close(sv[1]);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 1289 "chapters/tier9-tests.nw"
static void assert_no_children(void)
{
    ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
    ck_assert_int_eq(errno, ECHILD);
}
#line 1302 "chapters/tier9-tests.nw"
static tw_step limit_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/sh", "-c",
        "printf %020d 0; sleep 0.05; printf '%020d\\nnext\\n' 0", NULL };
    static const tw_subprocess_options o = { .std_out = TW_PIPE, .limit = 32 };
    static tw_process *p;
    tw_bytes *line;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &o));
    p = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_stream_reader_readline(tw_process_stdout(p)));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_VALUE));
    ck_assert_str_eq(tw_error_message(TW_ERROR(co)),
                     "Separator is found, but chunk is longer than limit");
    TW_CLEAR(co);
    TW_AWAIT(co, tw_stream_reader_readline(tw_process_stdout(p)));
    line = TW_RESULT(co).p;
    ck_assert_str_eq((const char *)line->data, "next\n");
    tw_bytes_free(line);
    TW_AWAIT(co, tw_process_wait(p));
    tw_unref(p);
    TW_END(co);
}

START_TEST(readline_limit_across_reads)
{
    ck_assert_ptr_null(tw_run(tw_coro_new(limit_body, sizeof(tw_coro)), NULL));
    assert_no_children();
}
END_TEST
#line 1341 "chapters/tier9-tests.nw"
static unsigned char lots[1 << 20];

static tw_step write_after_exit_body(tw_coro *co)
{
    static const char *const argv[] = { "true", NULL };
    static const tw_subprocess_options o = { .std_in = TW_PIPE };
    static tw_process *p;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &o));
    p = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_wait(p));
    ck_assert_ptr_null(tw_stream_writer_write(tw_process_stdin(p), lots, sizeof lots));
    TW_AWAIT_TRY(co, tw_stream_writer_drain(tw_process_stdin(p)));
    TW_CLEAR(co);
    tw_unref(p);
    TW_END(co);
}

START_TEST(write_after_exit_survives)
{
    ck_assert_ptr_null(tw_run(tw_coro_new(write_after_exit_body, sizeof(tw_coro)), NULL));
    assert_no_children();
}
END_TEST
#line 1374 "chapters/tier9-tests.nw"
static tw_step pause_pipe_body(tw_coro *co)
{
    static const char *const argv[] = { "head", "-c", "1000000", "/dev/zero", NULL };
    static const tw_subprocess_options o = { .std_out = TW_PIPE, .limit = 16 };
    static tw_process *p;
    tw_bytes *all;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &o));
    p = TW_RESULT(co).p;
    TW_AWAIT(co, tw_sleep(0.1));
    ck_assert_uint_gt(tw_stream_reader_buffered(tw_process_stdout(p)), 32);
    ck_assert_uint_lt(tw_stream_reader_buffered(tw_process_stdout(p)), 1000000 / 2);
    TW_AWAIT(co, tw_stream_reader_read(tw_process_stdout(p), -1));
    all = TW_RESULT(co).p;
    ck_assert_uint_eq(all->len, 1000000);
    tw_bytes_free(all);
    ck_assert(tw_stream_reader_at_eof(tw_process_stdout(p)));
    TW_AWAIT(co, tw_process_wait(p));
    ck_assert_int_eq(TW_RESULT(co).i, 0);
    tw_unref(p);
    TW_END(co);
}

START_TEST(reading_pauses_a_child_pipe)
{
    ck_assert_ptr_null(tw_run(tw_coro_new(pause_pipe_body, sizeof(tw_coro)), NULL));
    assert_no_children();
}
END_TEST

#line 40 "chapters/tier9-tests.nw"
Suite *tw_stream_suite(void)
{
    Suite *s = suite_create("stream");
    TCase *tc = tcase_create("reader");
    tcase_add_test(tc, bytes_and_stream_errors);
    tcase_add_test(tc, stream_misuse_is_fatal_and_named);
    tcase_add_test(tc, reader_limit_must_be_positive);
    tcase_add_test(tc, read_counts_and_eof);
    tcase_add_test(tc, readline_lines_and_tail);
    tcase_add_test(tc, readexactly_counts_and_partial);
    tcase_add_test(tc, readuntil_separators_split_across_feeds);
    tcase_add_test(tc, readuntil_at_the_limit);
    tcase_add_test(tc, readuntil_not_found_at_the_limit);
    tcase_add_test(tc, default_limit_is_64k);
    tcase_add_test(tc, readline_over_the_limit);
    tcase_add_test(tc, readuntil_at_eof_resets);
    tcase_add_test(tc, stored_exception_raised_by_every_read);
    tcase_add_test(tc, cancelled_read_loses_nothing);
    tcase_add_test(tc, wait_for_timeout_loses_nothing);
    tcase_add_test(tc, second_waiter_is_refused);
    tcase_add_test(tc, dropped_read_frees_its_waiter);
    tcase_add_test(tc, read_frame_freed_with_its_loop);
    tcase_add_test(tc, flow_control_pauses_and_resumes);
    tcase_add_test(tc, read_while_paused_resumes_first);
    tcase_add_test(tc, transport_that_cannot_pause_is_forgotten);
    suite_add_tcase(s, tc);
    tc = tcase_create("writer");
    tcase_add_test(tc, writer_forwards_to_its_transport);
    tcase_add_test(tc, drain_waits_for_the_low_mark);
    tcase_add_test(tc, drains_wait_together_and_cancel_alone);
    tcase_add_test(tc, drain_after_trouble);
    tcase_add_test(tc, handler_runs_as_a_task);
    suite_add_tcase(s, tc);
    tc = tcase_create("socket");
    tcase_add_test(tc, reading_pauses_the_socket_transport);
    suite_add_tcase(s, tc);
    tc = tcase_create("process");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, readline_limit_across_reads);
    tcase_add_test(tc, write_after_exit_survives);
    tcase_add_test(tc, reading_pauses_a_child_pipe);
    suite_add_tcase(s, tc);
    return s;
}
