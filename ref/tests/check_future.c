#line 11 "chapters/tier3-tests.nw"
/* check_future.c -- unit tests of futures */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"
#include "fatal.h"
#include "../src/tier3.h"

static char trace[256];

static tw_error *stop_loop(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

/* one turn of the loop: the callbacks queued so far run */
static void turn(tw_loop *L)
{
    tw_call_soon(L, stop_loop, L, NULL);
    tw_loop_run_forever(L);
}

static void expect_invalid_state(tw_error *e, const char *message)
{
    ck_assert(tw_error_is(e, TW_ERR_INVALID_STATE));
    if (message)
        ck_assert_str_eq(tw_error_message(e), message);
    tw_unref(e);
}

#line 76 "chapters/tier3-tests.nw"
START_TEST(a_pending_future_has_no_outcome)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    tw_value v;
    tw_error *exc;
    ck_assert(!tw_future_done(f));
    ck_assert(!tw_future_cancelled(f));
    ck_assert_ptr_eq(tw_future_loop(f), L);
    expect_invalid_state(tw_future_result(f, &v), "Result is not ready.");
    expect_invalid_state(tw_future_exception(f, &exc), "Exception is not set.");
    ck_assert_ptr_null(exc);
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST
#line 100 "chapters/tier3-tests.nw"
static void refuses_everything(tw_future *f)
{
    expect_invalid_state(tw_future_set_result(f, TW_INT(2)), NULL);
    expect_invalid_state(tw_future_set_exception(f, tw_error_new(TW_ERR_VALUE, "late")), NULL);
    ck_assert(!tw_future_cancel(f, "late"));
}

START_TEST(pending_to_result)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    tw_value v;
    tw_error *exc;
    ck_assert_ptr_null(tw_future_set_result(f, TW_INT(1)));
    ck_assert(tw_future_done(f) && !tw_future_cancelled(f));
    refuses_everything(f);
    ck_assert_ptr_null(tw_future_result(f, &v));
    ck_assert_int_eq(v.i, 1);
    ck_assert_ptr_null(tw_future_exception(f, &exc));
    ck_assert_ptr_null(exc);
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST

START_TEST(pending_to_exception)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    tw_error *err = tw_error_new(TW_ERR_KEY, "k"), *e1, *e2, *exc;
    tw_value v;
    ck_assert_ptr_null(tw_future_set_exception(f, err));
    ck_assert(tw_future_done(f) && !tw_future_cancelled(f));
    refuses_everything(f);
    e1 = tw_future_result(f, &v);
    e2 = tw_future_result(f, &v);
    ck_assert_ptr_eq(e1, err);
    ck_assert_ptr_eq(e2, err);
    ck_assert_ptr_null(tw_future_exception(f, &exc));
    ck_assert_ptr_eq(exc, err);
    tw_unref(e1);
    tw_unref(e2);
    tw_unref(exc);
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST

START_TEST(pending_to_cancelled)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    tw_error *e, *exc;
    tw_value v;
    ck_assert(tw_future_cancel(f, "why"));
    ck_assert(tw_future_done(f) && tw_future_cancelled(f));
    refuses_everything(f);
    e = tw_future_result(f, &v);
    ck_assert(tw_error_is(e, TW_ERR_CANCELLED));
    ck_assert_str_eq(tw_error_message(e), "why");
    tw_unref(e);
    e = tw_future_exception(f, &exc);
    ck_assert(tw_error_is(e, TW_ERR_CANCELLED));
    ck_assert_ptr_null(exc);
    tw_unref(e);
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST
#line 179 "chapters/tier3-tests.nw"
static tw_error *record(void *tag)
{
    strcat(trace, tag);
    return NULL;
}

static tw_error *record_done(tw_future *f, void *tag)
{
    (void)f;
    return record(tag);
}

START_TEST(callbacks_are_queued_in_order_at_completion)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    trace[0] = 0;
    tw_future_add_done_callback(f, record_done, "a");
    tw_future_add_done_callback(f, record_done, "b");
    tw_call_soon(L, record, "x", NULL);
    tw_future_set_result(f, TW_NONE);
    ck_assert_str_eq(trace, "");
    tw_call_soon(L, record, "y", NULL);
    tw_future_add_done_callback(f, record_done, "c");
    turn(L);
    ck_assert_str_eq(trace, "xabyc");
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST

START_TEST(callbacks_beyond_the_first_grow_in_order)
{
    static char tags[40][2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    char expect[64] = "";
    trace[0] = 0;
    for (int i = 0; i < 40; i++) {
        tags[i][0] = (char)('0' + i % 43);
        tw_future_add_done_callback(f, record_done, tags[i]);
        strcat(expect, tags[i]);
    }
    tw_future_cancel(f, NULL);
    turn(L);
    ck_assert_str_eq(trace, expect);
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST

START_TEST(removing_callbacks)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L);
    trace[0] = 0;
    tw_future_add_done_callback(f, record_done, "a");
    tw_future_add_done_callback(f, record_done, "b");
    tw_future_add_done_callback(f, record_done, "a");
    tw_future_add_done_callback(f, record_done, "c");
    ck_assert_uint_eq(tw_future_remove_done_callback(f, record_done, "a"), 2);
    ck_assert_uint_eq(tw_future_remove_done_callback(f, record_done, "a"), 0);
    ck_assert_uint_eq(tw_future_remove_done_callback(f, record_done, "x"), 0);
    tw_future_set_result(f, TW_NONE);
    turn(L);
    ck_assert_str_eq(trace, "bc");
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST
#line 259 "chapters/tier3-tests.nw"
static tw_error *record_kept(tw_future *f, void *kept)
{
    (void)f;
    (void)kept;
    return record("k");
}

START_TEST(removing_down_to_one_and_a_keeping_callback)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *f = tw_future_new(L), *kept = tw_future_new(L);
    trace[0] = 0;
    tw_future_add_done_callback(f, record_done, "a");
    tw_future_add_done_callback(f, record_done, "b");
    ck_assert_uint_eq(tw_future_remove_done_callback(f, record_done, "a"), 1);
    tw__future_add_callback(f, record_kept, kept, tw_ref(kept));
    ck_assert_int_eq(((tw_object *)kept)->refs, 2);
    ck_assert_uint_eq(tw_future_remove_done_callback(f, record_kept, kept), 1);
    ck_assert_int_eq(((tw_object *)kept)->refs, 1);
    tw_future_set_result(f, TW_NONE);
    turn(L);
    ck_assert_str_eq(trace, "b");
    tw_unref(f);
    tw_unref(kept);
    tw_loop_free(L);
}
END_TEST
#line 292 "chapters/tier3-tests.nw"
static void count_reports(tw_loop *L, const tw_context *ctx, void *count)
{
    (void)L;
    ck_assert_str_eq(ctx->message, "Future exception was never retrieved");
    ck_assert(tw_error_is(ctx->error, TW_ERR_VALUE));
    ++*(int *)count;
}

START_TEST(an_unretrieved_error_is_reported)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_future *seen = tw_future_new(L), *unseen = tw_future_new(L);
    tw_error *exc;
    int reports = 0;
    tw_loop_set_exception_handler(L, count_reports, &reports);
    tw_future_set_exception(seen, tw_error_new(TW_ERR_VALUE, "seen"));
    tw_future_set_exception(unseen, tw_error_new(TW_ERR_VALUE, "unseen"));
    ck_assert_ptr_null(tw_future_exception(seen, &exc));
    tw_unref(exc);
    tw_unref(seen);
    ck_assert_int_eq(reports, 0);
    tw_unref(unseen);
    ck_assert_int_eq(reports, 1);
    tw_loop_free(L);
}
END_TEST
#line 326 "chapters/tier3-tests.nw"
START_TEST(futures_and_errors_describe_themselves)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_future *f = tw_future_new(L);
    tw_error *e = tw_error_new(TW_ERR_VALUE, "boom"), *bare = tw_error_new(TW_ERR_KEY, NULL);
    assert_describes_as(f, "<Future pending>");
    tw_unref(tw_future_set_result(f, TW_INT(7)));
    assert_describes_as(f, "<Future finished>");
    tw_future_cancel(f, NULL);              /* too late: still finished */
    assert_describes_as(f, "<Future finished>");
    assert_describes_as(e, "ValueError('boom')");
    assert_describes_as(bare, "KeyError()");
    tw_unref(e);
    tw_unref(bare);
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST

#line 46 "chapters/tier3-tests.nw"
Suite *tw_future_suite(void)
{
    Suite *s = suite_create("future");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_pending_future_has_no_outcome);
    tcase_add_test(tc, pending_to_result);
    tcase_add_test(tc, pending_to_exception);
    tcase_add_test(tc, pending_to_cancelled);
    tcase_add_test(tc, callbacks_are_queued_in_order_at_completion);
    tcase_add_test(tc, callbacks_beyond_the_first_grow_in_order);
    tcase_add_test(tc, removing_callbacks);
    tcase_add_test(tc, removing_down_to_one_and_a_keeping_callback);
    tcase_add_test(tc, an_unretrieved_error_is_reported);
    tcase_add_test(tc, futures_and_errors_describe_themselves);
    suite_add_tcase(s, tc);
    return s;
}
