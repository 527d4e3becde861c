#line 13 "chapters/tier1-tests.nw"
/* check_coro.c -- unit tests of the error model and of the frame driver */
#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"
#include "fatal.h"

static char trace[256];

static tw_error *record(void *tag)
{
    strcat(trace, tag);
    return NULL;
}

#line 75 "chapters/tier1-tests.nw"
START_TEST(error_kinds_form_a_hierarchy)
{
    tw_error *key = tw_error_new(TW_ERR_KEY, "k");
    tw_error *zero = tw_error_new(TW_ERR_ZERO_DIVISION, NULL);
    tw_error *timeout = tw_error_new(TW_ERR_TIMEOUT, NULL);
    tw_error *user = tw_error_user("MyError", "%d items", 42);
    ck_assert(tw_error_is(key, TW_ERR_LOOKUP));
    ck_assert(tw_error_is(key, TW_ERR_KEY));
    ck_assert(!tw_error_is(key, TW_ERR_VALUE));
    ck_assert(tw_error_is(zero, TW_ERR_ARITHMETIC));
    ck_assert(tw_error_is(timeout, TW_ERR_OS));
    ck_assert(!tw_error_is(timeout, TW_ERR_CANCELLED));
    ck_assert(!tw_error_is(NULL, TW_ERR_OS));
    ck_assert_str_eq(tw_error_type(key), "KeyError");
    ck_assert_ptr_null(tw_error_message(zero));
    ck_assert_str_eq(tw_error_str(zero), "");
    ck_assert_str_eq(tw_error_type(user), "MyError");
    ck_assert_str_eq(tw_error_message(user), "42 items");
    ck_assert_int_eq(tw_error_kind(user), TW_ERR_USER);
    ck_assert_int_eq(tw_error_kind(NULL), TW_ERR_NONE);
    tw_unref(key);
    tw_unref(zero);
    tw_unref(timeout);
    tw_unref(user);
}
END_TEST
#line 108 "chapters/tier1-tests.nw"
START_TEST(static_errors_are_immortal)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_error *e;
    tw_loop_close(L);
    e = tw_call_soon(L, record, "x", NULL);
    tw_unref(e);
    tw_unref(e);
    ck_assert_str_eq(tw_error_message(e), "Event loop is closed");
    ck_assert_ptr_eq(tw_call_soon(L, record, "x", NULL), e);
    tw_loop_free(L);
}
END_TEST

START_TEST(a_group_owns_its_errors)
{
    tw_error *items[2] = { tw_error_new(TW_ERR_VALUE, "a"), tw_error_new(TW_ERR_KEY, "b") };
    tw_error *kept = tw_ref(items[1]);
    tw_error *g = tw_error_group("two failed", 2, items);
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);
    ck_assert(tw_error_is(g, TW_ERR_GROUP));
    ck_assert_uint_eq(tw_error_count(g), 2);
    ck_assert_ptr_eq(tw_error_item(g, 1), kept);
    tw_error_print(out, g);
    fclose(out);
    ck_assert_str_eq(text, "ExceptionGroup: two failed (2 sub-exceptions)\n"
                           "  +- ValueError: a\n  +- KeyError: b\n");
    free(text);
    tw_unref(g);
    ck_assert_str_eq(tw_error_message(kept), "b");
    tw_unref(kept);
}
END_TEST
#line 153 "chapters/tier1-tests.nw"
START_TEST(absent_errors_and_bare_messages_read_and_print)
{
    tw_error *items[1] = { tw_error_new(TW_ERR_VALUE, NULL) };
    tw_error *g = tw_error_group("one failed", 1, items), *user = tw_error_user(NULL, NULL);
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);
    ck_assert_str_eq(tw_error_type(NULL), "NoError");
    ck_assert_ptr_null(tw_error_message(NULL));
    ck_assert_str_eq(tw_error_str(NULL), "");
    ck_assert_str_eq(tw_error_str(items[0]), "");
    ck_assert_uint_eq(tw_error_count(NULL), 0);
    ck_assert_str_eq(tw_error_type(user), "Exception");
    tw_error_print(out, NULL);
    tw_error_print(out, g);
    tw_error_print(out, user);
    fclose(out);
    ck_assert_str_eq(text, "ExceptionGroup: one failed (1 sub-exception)\n"
                           "  +- ValueError\nException\n");
    free(text);
    tw_unref(g);
    tw_unref(user);
}
END_TEST
#line 186 "chapters/tier1-tests.nw"
START_TEST(os_errors_carry_python_classes)
{
    tw_error *e = tw_error_os(ECONNREFUSED, NULL);
    ck_assert_str_eq(tw_error_type(e), "ConnectionRefusedError");
    ck_assert_str_eq(tw_error_str(e), "[Errno 111] Connection refused");
    ck_assert(tw_error_is(e, TW_ERR_OS));
    tw_unref(e);
    e = tw_error_os(ECONNRESET, "Connect call failed %s", "('127.0.0.1', 9)");
    ck_assert_str_eq(tw_error_type(e), "ConnectionResetError");
    ck_assert_str_eq(tw_error_str(e), "[Errno 104] Connect call failed ('127.0.0.1', 9)");
    tw_unref(e);
    e = tw_error_os(ETIMEDOUT, NULL);
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_TIMEOUT);
    ck_assert(tw_error_is(e, TW_ERR_OS));
    tw_unref(e);
    e = tw_error_os(EADDRINUSE, NULL);
    ck_assert_str_eq(tw_error_type(e), "OSError");
    ck_assert_int_eq(tw_os_error_errno(e), EADDRINUSE);
    ck_assert_ptr_null(tw_os_error_filename(e));
    tw_unref(e);
    e = tw_os_error_new(ENOENT, "missing.txt");
    ck_assert_int_eq(tw_error_kind(e), TW_ERR_FILE_NOT_FOUND);
    ck_assert_str_eq(tw_error_str(e), "[Errno 2] No such file or directory: 'missing.txt'");
    ck_assert_str_eq(tw_os_error_filename(e), "missing.txt");
    tw_unref(e);
    e = tw_error_new(TW_ERR_OS, "not made by the constructors");
    ck_assert_int_eq(tw_os_error_errno(e), 0);
    ck_assert_ptr_null(tw_os_error_filename(e));
    tw_unref(e);
}
END_TEST
#line 225 "chapters/tier1-tests.nw"
struct num { tw_coro co; intptr_t n; };

static tw_coro *num_coro(tw_coro_fn body, intptr_t n)
{
    struct num *f = tw_coro_new(body, sizeof *f);
    f->n = n;
    return &f->co;
}

static tw_step plain_body(tw_coro *co)
{
    struct num *f = (struct num *)co;
    TW_BEGIN(co);
    strcat(trace, "x");
    if (f->n > 0)
        TW_AWAIT(co, num_coro(plain_body, f->n - 1));
    TW_END(co);
}

static tw_step no_turn_main(tw_coro *co)
{
    TW_BEGIN(co);
    tw_call_soon(tw_get_running_loop(), record, "c", NULL);
    TW_AWAIT(co, num_coro(plain_body, 2));
    strcat(trace, "|");
    TW_YIELD(co);
    strcat(trace, "|");
    TW_END(co);
}

START_TEST(nested_awaits_take_no_turn)
{
    trace[0] = 0;
    ck_assert_ptr_null(tw_run_clock(tw_coro_new(no_turn_main, sizeof(tw_coro)),
                                    TW_CLOCK_REAL, NULL));
    ck_assert_str_eq(trace, "xxx|c|");
}
END_TEST

static tw_step down_body(tw_coro *co)
{
    struct num *f = (struct num *)co;
    TW_BEGIN(co);
    if (f->n == 0) {
        TW_YIELD(co);
        TW_RETURN(co, TW_INT(0));
    }
    TW_AWAIT(co, num_coro(down_body, f->n - 1));
    TW_RETURN(co, TW_INT(TW_RESULT(co).i + f->n));
    TW_END(co);
}

static void *run_deep_chain(void *sum)
{
    tw_value v;
    tw_error *e = tw_run_clock(num_coro(down_body, 100000), TW_CLOCK_REAL, &v);
    *(intptr_t *)sum = e ? -1 : v.i;
    tw_unref(e);
    return NULL;
}

START_TEST(a_deep_chain_uses_no_c_stack)
{
    pthread_attr_t attr;
    pthread_t thread;
    intptr_t sum = 0;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    ck_assert_int_eq(pthread_create(&thread, &attr, run_deep_chain, &sum), 0);
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
    ck_assert_int_eq(sum, (intptr_t)100000 * 100001 / 2);
}
END_TEST
#line 307 "chapters/tier1-tests.nw"
struct twice { tw_coro co; tw_coro *shared; };

static tw_step parked_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_YIELD(co);
    TW_END(co);
}

static tw_step second_awaiter(tw_coro *co)
{
    struct twice *f = (struct twice *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_ref(f->shared));
    strcat(trace, tw_error_str(TW_ERROR(co)));
    strcat(trace, ";");
    TW_END(co);
}

static tw_step twice_main(tw_coro *co)
{
    struct twice *f = (struct twice *)co;
    TW_BEGIN(co);
    f->shared = tw_coro_new(parked_body, sizeof(tw_coro));
    {
        struct twice *other = tw_coro_new(second_awaiter, sizeof *other);
        other->shared = f->shared;
        tw_unref(tw_create_task(&other->co, NULL));
    }
    TW_AWAIT(co, tw_ref(f->shared));
    TW_AWAIT_TRY(co, f->shared);
    strcat(trace, tw_error_str(TW_ERROR(co)));
    TW_END(co);
}

START_TEST(awaiting_a_coroutine_twice_is_an_error)
{
    trace[0] = 0;
    ck_assert_ptr_null(tw_run_clock(tw_coro_new(twice_main, sizeof(struct twice)),
                                    TW_CLOCK_REAL, NULL));
    ck_assert_str_eq(trace, "coroutine is being awaited already;"
                            "cannot reuse already awaited coroutine");
}
END_TEST

static tw_step raising_body(tw_coro *co)
{
    struct num *f = (struct num *)co;
    TW_BEGIN(co);
    if (f->n == 0) {
        TW_YIELD(co);
        TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "bottom"));
    }
    TW_AWAIT_TRY(co, num_coro(raising_body, f->n - 1));
    {
        char tag[2] = { (char)('0' + f->n), 0 };
        strcat(trace, tag);
    }
    TW_RERAISE(co);
    TW_END(co);
}

START_TEST(an_error_unwinds_every_frame)
{
    tw_error *e;
    trace[0] = 0;
    e = tw_run_clock(num_coro(raising_body, 3), TW_CLOCK_REAL, NULL);
    ck_assert_str_eq(trace, "123");
    ck_assert(tw_error_is(e, TW_ERR_VALUE));
    ck_assert_str_eq(tw_error_message(e), "bottom");
    tw_unref(e);
}
END_TEST
#line 386 "chapters/tier1-tests.nw"
struct held { tw_coro co; tw_future *never; const char *tag; };

static void held_cleanup(tw_coro *co)
{
    struct held *f = (struct held *)co;
    strcat(trace, f->tag);
    tw_unref(f->never);
}

static tw_step held_body(tw_coro *co)
{
    struct held *f = (struct held *)co;
    TW_BEGIN(co);
    if (strcmp(f->tag, "outer") == 0) {
        struct held *inner = tw_coro_new(held_body, sizeof *inner);
        inner->co.cleanup = held_cleanup;
        inner->tag = "inner ";
        inner->never = tw_ref(f->never);
        TW_AWAIT(co, &inner->co);
    } else
        TW_AWAIT(co, tw_ref(f->never));
    TW_END(co);
}

START_TEST(cleanups_run_when_a_suspended_task_is_destroyed)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    struct held *outer = tw_coro_new(held_body, sizeof *outer);
    tw_task *t;
    trace[0] = 0;
    outer->co.cleanup = held_cleanup;
    outer->tag = "outer";
    outer->never = tw_future_new(L);
    t = tw_loop_create_task(L, &outer->co, NULL);
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_sleep(0), NULL));
    ck_assert(!tw_future_done(tw_task_future(t)));
    tw_unref(t);
    tw_loop_free(L);
    ck_assert_str_eq(trace, "inner outer");
}
END_TEST
#line 435 "chapters/tier1-tests.nw"
struct answer { tw_object obj; int value; };

static void answer_finalize(tw_object *o)
{
    strcat(trace, "freed");
    free(o);
}

static void answer_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<answer %d>", ((struct answer *)o)->value);
}

static int answer_await(tw_object *o, tw_coro *co)
{
    co->held = o;
    co->got = TW_INT(((struct answer *)o)->value);
    return 0;
}

static const tw_class answer_class = { answer_finalize, answer_describe, answer_await };

static tw_step ask_body(tw_coro *co)
{
    struct answer *a;
    TW_BEGIN(co);
    a = calloc(1, sizeof *a);
    tw_object_init(&a->obj, &answer_class, TW_KIND_OBJECT);
    a->value = 42;
    TW_AWAIT(co, &a->obj);
    sprintf(trace + strlen(trace), "%ld ", (long)TW_RESULT(co).i);
    TW_END(co);
}

START_TEST(any_class_is_awaited_and_freed_through_its_record)
{
    struct answer a = { { 0, -1, &answer_class }, 7 };
    char text[32];
    FILE *out = fmemopen(text, sizeof text, "w");
    a.obj.cls->describe(&a.obj, out);
    fclose(out);
    ck_assert_str_eq(text, "<answer 7>");
    trace[0] = 0;
    ck_assert_ptr_null(tw_run_clock(tw_coro_new(ask_body, sizeof(tw_coro)), TW_CLOCK_REAL, NULL));
    ck_assert_str_eq(trace, "42 freed");
}
END_TEST
#line 491 "chapters/tier1-tests.nw"
START_TEST(awaitables_keep_their_types)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_future *f = tw_future_new(L);
    tw_coro *c = tw_sleep(0);
    _Static_assert(_Generic(tw_ref(f), tw_future *: 1, default: 0), "tw_ref keeps a future");
    _Static_assert(_Generic(tw_ref(c), tw_coro *: 1, default: 0), "tw_ref keeps a coroutine");
    _Static_assert(_Generic(tw_ref(tw_error_new(TW_ERR_VALUE, NULL)), tw_error *: 1, default: 0),
                   "tw_ref keeps an error");
    _Static_assert(_Generic(tw_sleep(1), tw_coro *: 1, default: 0), "sleep is a coroutine");
    _Static_assert(_Generic(tw_gather(0, NULL, false), tw_future *: 1, default: 0),
                   "gather is a future");
    _Static_assert(_Generic(TW_AWAITABLE(f), tw_awaitable *: 1, default: 0),
                   "a future converts to an awaitable");
    ck_assert_ptr_eq((void *)TW_AWAITABLE(f), (void *)f);
    ck_assert_ptr_eq((void *)TW_AWAITABLE(c), (void *)c);
    ck_assert_ptr_eq(c, tw_yield());
    tw_unref(f);
    tw_loop_free(L);
}
END_TEST
#line 606 "chapters/tier1-tests.nw"
static tw_step awaits_a_sleep(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static void make_a_small_frame(void *arg) { (void)arg; tw_coro_new(awaits_a_sleep, 1); }
__attribute__((unused))    /* not under ASan or TSan: see below */
static void ask_for_too_much(void *arg) { (void)arg; tw_bytes_new(NULL, SIZE_MAX / 2); }
static void make_an_error_of_kind(void *kind) { tw_error_new((tw_errkind)(intptr_t)kind, NULL); }

static void await_outside_a_task(void *arg)
{
    (void)arg;
    awaits_a_sleep(tw_coro_new(awaits_a_sleep, sizeof(tw_coro)));
}

static const tw_class inert_class = { NULL, NULL, NULL };

static tw_step awaits_the_inert(tw_coro *co)
{
    static tw_object inert = { TW_KIND_FUTURE, -1, &inert_class };
    TW_BEGIN(co);
    TW_AWAIT(co, &inert);
    TW_END(co);
}

static void await_what_is_not_awaitable(void *arg)
{
    (void)arg;
    tw_run(tw_coro_new(awaits_the_inert, sizeof(tw_coro)), NULL);
}

START_TEST(misuse_is_fatal_and_named)
{
    ck_assert(dies_saying(make_a_small_frame, NULL, "tower: tw_coro_new: frame smaller than tw_coro"));
    ck_assert(dies_saying(make_an_error_of_kind, (void *)9999, "tw_error_new: bad kind 9999"));
    ck_assert(dies_saying(make_an_error_of_kind, (void *)(intptr_t)TW_ERR_NONE, "tw_error_new: bad kind"));
    ck_assert(dies_saying(make_an_error_of_kind, (void *)(intptr_t)TW_ERR__COUNT, "tw_error_new: bad kind"));
    ck_assert(dies_saying(make_an_error_of_kind, (void *)(intptr_t)TW_ERR_USER, "tw_error_new: bad kind"));
    ck_assert(dies_saying(await_outside_a_task, NULL, "TW_AWAIT outside a task"));
    ck_assert(dies_saying(await_what_is_not_awaitable, NULL, "is not awaitable"));
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    /* ASan and TSan refuse so large a request themselves, with their own report */
    ck_assert(dies_saying(ask_for_too_much, NULL, "tower: out of memory"));
#endif
}
END_TEST
#line 663 "chapters/tier1-tests.nw"
/* The child says the status it would exit with: under valgrind a forked
   child's exit status is valgrind's, not its own. */
static void report_an_error(void *arg)
{
    int status;
    (void)arg;
    status = tw_report_uncaught(tw_error_new(TW_ERR_VALUE, "boom"));
    fprintf(stderr, "status %d\n", status);
    tw__child_exit(status);
}

START_TEST(an_uncaught_error_is_reported)
{
    char err[1024];
    int status = run_child(report_an_error, NULL, err, sizeof err);
    ck_assert(WIFEXITED(status));
    ck_assert_str_eq(err, "Traceback (most recent call last):\n  (C edition)\nValueError: boom\n"
                          "status 1\n");
    ck_assert_int_eq(tw_report_uncaught(NULL), 0);
}
END_TEST

START_TEST(coroutines_describe_themselves)
{
    tw_coro *c = tw_coro_new(awaits_a_sleep, sizeof(tw_coro)), *y = tw_yield();
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);
    c->obj.cls->describe(&c->obj, out);
    fputc(' ', out);
    y->obj.cls->describe(&y->obj, out);
    fclose(out);
    ck_assert_msg(strncmp(text, "<coroutine object at 0x", 23) == 0, "%s", text);
    ck_assert_msg(strstr(text, "> <yield>") != NULL, "%s", text);
    free(text);
    tw_coro_close(c);
}
END_TEST
#line 743 "chapters/tier1-tests.nw"
static tw_step never_runs(tw_coro *co)
{
    TW_BEGIN(co);
    TW_END(co);
}

static void *close_elsewhere(void *co)
{
    tw_coro_close(co);
    return NULL;
}

static void *end_with_a_frame_out(void *out)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    *(tw_coro **)out = tw_coro_call(never_runs);
    tw_loop_free(L);
    return NULL;
}

START_TEST(the_pool_gives_its_slabs_back)
{
    bool on = TW__POOL_ON && !tw__pool_turned_off();
    bool fresh = tw__pool_home == NULL;
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_coro *kept = tw_coro_call(never_runs), *other = tw_coro_call(never_runs);
    tw_coro *orphaned = NULL;
    pthread_t th;
    if (on)
        ck_assert_ptr_nonnull(tw__pool_home);
    ck_assert_int_eq(pthread_create(&th, NULL, close_elsewhere, other), 0);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    tw_loop_free(L);
    if (fresh && on)
        ck_assert_ptr_nonnull(tw__pool_home);      /* kept is out */
    tw_coro_close(kept);
    if (fresh)
        ck_assert_ptr_null(tw__pool_home);
    ck_assert_int_eq(pthread_create(&th, NULL, end_with_a_frame_out, &orphaned), 0);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    ck_assert_ptr_nonnull(orphaned);
    tw_coro_close(orphaned);
    if (fresh)
        ck_assert_ptr_null(tw__pool_home);
}
END_TEST

static void make_a_loop_with_the_pool_set_to_bad(void *unused)
{
    (void)unused;
    setenv("TOWER_POOL", "bad", 1);
    tw_loop_free(tw_loop_new_clock(TW_CLOCK_VIRTUAL));
}

START_TEST(the_pool_switch_refuses_what_it_does_not_know)
{
    ck_assert(dies_saying(make_a_loop_with_the_pool_set_to_bad, NULL,
                          "TOWER_POOL must be \"on\" or \"off\", not \"bad\""));
}
END_TEST

#line 37 "chapters/tier1-tests.nw"
Suite *tw_coro_suite(void)
{
    Suite *s = suite_create("coro");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, error_kinds_form_a_hierarchy);
    tcase_add_test(tc, static_errors_are_immortal);
    tcase_add_test(tc, a_group_owns_its_errors);
    tcase_add_test(tc, absent_errors_and_bare_messages_read_and_print);
    tcase_add_test(tc, os_errors_carry_python_classes);
    tcase_add_test(tc, nested_awaits_take_no_turn);
    tcase_add_test(tc, a_deep_chain_uses_no_c_stack);
    tcase_add_test(tc, awaiting_a_coroutine_twice_is_an_error);
    tcase_add_test(tc, an_error_unwinds_every_frame);
    tcase_add_test(tc, cleanups_run_when_a_suspended_task_is_destroyed);
    tcase_add_test(tc, any_class_is_awaited_and_freed_through_its_record);
    tcase_add_test(tc, awaitables_keep_their_types);
    tcase_add_test(tc, misuse_is_fatal_and_named);
    tcase_add_test(tc, an_uncaught_error_is_reported);
    tcase_add_test(tc, coroutines_describe_themselves);
    tcase_add_test(tc, the_pool_gives_its_slabs_back);
    tcase_add_test(tc, the_pool_switch_refuses_what_it_does_not_know);
    suite_add_tcase(s, tc);
    return s;
}
