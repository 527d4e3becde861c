#line 13 "chapters/tier4-tests.nw"
/* check_task.c -- unit tests of tasks and cancellation */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"
#include "fatal.h"
#include <pthread.h>

static char trace[256];

/* the frame of every test's main coroutine */
struct main_frame { tw_coro co; tw_task *t; tw_future *fut; };

/* run a main coroutine, which must succeed, and compare the trace it left */
static void expect_trace(tw_coro_fn main_body, const char *expected)
{
    trace[0] = 0;
    ck_assert_ptr_null(tw_run_clock(tw_coro_new(main_body, sizeof(struct main_frame)),
                                    TW_CLOCK_VIRTUAL, NULL));
    ck_assert_str_eq(trace, expected);
}

/* sleep(10); on CancelledError record "c" and, if the frame says so, refuse */
struct sleeper { tw_coro co; bool refuse; };

static tw_step sleeper_body(tw_coro *co)
{
    struct sleeper *f = (struct sleeper *)co;
    TW_BEGIN(co);
    strcat(trace, "s");
    TW_AWAIT_TRY(co, tw_sleep(10));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        strcat(trace, "c");
        strcat(trace, tw_error_str(TW_ERROR(co)));
        if (!f->refuse)
            TW_RERAISE(co);
        TW_CLEAR(co);
    }
    TW_RETURN(co, TW_STR("refused"));
    TW_END(co);
}

static tw_task *sleeper(bool refuse)
{
    struct sleeper *f = tw_coro_new(sleeper_body, sizeof *f);
    f->refuse = refuse;
    return tw_create_task(&f->co, NULL);
}

#line 118 "chapters/tier4-tests.nw"
static tw_step before_start_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->t = sleeper(false);
    ck_assert(tw_task_cancel(f->t, NULL));
    ck_assert_int_eq(tw_task_cancelling(f->t), 1);
    TW_AWAIT_TRY(co, tw_ref(f->t));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    ck_assert(tw_future_cancelled(tw_task_future(f->t)));
    tw_unref(f->t);
    TW_CLEAR(co);
    TW_END(co);
}

START_TEST(cancel_before_the_first_step)
{
    expect_trace(before_start_main, "");
}
END_TEST

static tw_step at_await_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_future *tf;
    TW_BEGIN(co);
    f->t = sleeper(false);
    TW_YIELD(co);
    ck_assert(tw_task_cancel(f->t, "m"));
    tf = tw_task_future(f->t);
    ck_assert(!tw_future_done(tf) && !tw_future_cancelled(tf));
    TW_AWAIT_TRY(co, tw_ref(f->t));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    ck_assert(tw_future_cancelled(tw_task_future(f->t)));
    ck_assert(!tw_task_cancel(f->t, NULL));
    tw_unref(f->t);
    TW_CLEAR(co);
    TW_END(co);
}

START_TEST(cancel_at_an_await)
{
    expect_trace(at_await_main, "scm");
}
END_TEST

static tw_step refused_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->t = sleeper(true);
    TW_YIELD(co);
    tw_task_cancel(f->t, NULL);
    TW_AWAIT(co, tw_ref(f->t));
    ck_assert_str_eq(TW_RESULT(co).s, "refused");
    ck_assert(!tw_future_cancelled(tw_task_future(f->t)));
    ck_assert_int_eq(tw_task_cancelling(f->t), 1);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(cancel_refused)
{
    expect_trace(refused_main, "sc");
}
END_TEST
#line 191 "chapters/tier4-tests.nw"
static tw_step counting_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->t = sleeper(true);
    TW_YIELD(co);
    ck_assert_int_eq(tw_task_cancelling(f->t), 0);
    tw_task_cancel(f->t, NULL);
    tw_task_cancel(f->t, NULL);
    ck_assert_int_eq(tw_task_cancelling(f->t), 2);
    ck_assert_int_eq(tw_task_uncancel(f->t), 1);
    ck_assert_int_eq(tw_task_uncancel(f->t), 0);
    ck_assert_int_eq(tw_task_uncancel(f->t), 0);
    tw_task_cancel(f->t, NULL);
    TW_AWAIT(co, tw_ref(f->t));
    ck_assert(!tw_task_cancel(f->t, NULL));
    ck_assert_int_eq(tw_task_cancelling(f->t), 1);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(cancelling_counts_requests)
{
    expect_trace(counting_main, "sc");
}
END_TEST
#line 227 "chapters/tier4-tests.nw"
struct waiter { tw_coro co; tw_future *fut; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter *f = (struct waiter *)co;
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_ref(f->fut));
    strcat(trace, TW_ERROR(co) ? tw_error_type(TW_ERROR(co)) : "value");
    TW_RERAISE(co);
    TW_END(co);
}

static tw_task *waiter(tw_future *fut)
{
    struct waiter *w = tw_coro_new(waiter_body, sizeof *w);
    w->fut = fut;
    return tw_create_task(&w->co, NULL);
}

static bool complete_first;     /* the awaited future completes before the request */

static tw_step waiting_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->fut = tw_future_new(tw_get_running_loop());
    f->t = waiter(f->fut);
    TW_YIELD(co);
    if (complete_first)
        tw_future_set_result(f->fut, TW_INT(5));
    ck_assert(tw_task_cancel(f->t, "m"));
    ck_assert(tw_future_cancelled(f->fut) == !complete_first);
    TW_AWAIT_TRY(co, tw_ref(f->t));
    ck_assert(tw_future_cancelled(tw_task_future(f->t)));
    TW_CLEAR(co);
    tw_unref(f->t);
    tw_unref(f->fut);
    TW_END(co);
}

START_TEST(cancel_of_a_task_waiting_on_a_future)
{
    complete_first = false;
    expect_trace(waiting_main, "CancelledError");
}
END_TEST

START_TEST(cancel_after_the_awaited_future_completed)
{
    complete_first = true;
    expect_trace(waiting_main, "CancelledError");
}
END_TEST

static tw_step cancels_itself(tw_coro *co)
{
    TW_BEGIN(co);
    tw_task_cancel(tw_current_task(), "self");
    TW_RETURN(co, TW_INT(1));
    TW_END(co);
}

static tw_step last_step_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->t = tw_create_task(tw_coro_new(cancels_itself, sizeof(tw_coro)), NULL);
    TW_AWAIT_TRY(co, tw_ref(f->t));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    ck_assert_str_eq(tw_error_str(TW_ERROR(co)), "self");
    ck_assert(tw_future_cancelled(tw_task_future(f->t)));
    TW_CLEAR(co);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(cancel_during_the_last_step)
{
    expect_trace(last_step_main, "");
}
END_TEST
#line 316 "chapters/tier4-tests.nw"
struct parent { tw_coro co; tw_task *child; };

static tw_step parent_body(tw_coro *co)
{
    struct parent *f = (struct parent *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, f->child);
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static tw_step refusing_child_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    {
        struct parent *p = tw_coro_new(parent_body, sizeof *p);
        p->child = sleeper(true);
        f->t = tw_create_task(&p->co, NULL);
    }
    TW_YIELD(co);
    ck_assert(tw_task_cancel(f->t, NULL));
    TW_AWAIT(co, tw_ref(f->t));
    ck_assert_str_eq(TW_RESULT(co).s, "refused");
    ck_assert(!tw_future_cancelled(tw_task_future(f->t)));
    ck_assert_int_eq(tw_task_cancelling(f->t), 1);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(cancel_passed_to_an_awaited_task_that_refuses)
{
    expect_trace(refusing_child_main, "sc");
}
END_TEST
#line 359 "chapters/tier4-tests.nw"
static tw_error *failure;

static tw_step failing(tw_coro *co)
{
    TW_BEGIN(co);
    TW_YIELD(co);
    TW_RAISE(co, tw_ref(failure));
    TW_END(co);
}

static tw_step outcome_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->t = tw_create_task(tw_coro_new(failing, sizeof(tw_coro)), "failing");
    {
        tw_value v;
        tw_error *e = tw_future_result(tw_task_future(f->t), &v);
        ck_assert(tw_error_is(e, TW_ERR_INVALID_STATE));
        tw_unref(e);
    }
    TW_AWAIT_TRY(co, tw_ref(f->t));
    ck_assert_ptr_eq(TW_ERROR(co), failure);
    TW_AWAIT_TRY(co, tw_ref(f->t));
    ck_assert_ptr_eq(TW_ERROR(co), failure);
    TW_CLEAR(co);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(a_task_is_its_coroutines_outcome)
{
    failure = tw_error_new(TW_ERR_VALUE, "failed");
    expect_trace(outcome_main, "");
    tw_unref(failure);
}
END_TEST

static tw_step named_child(tw_coro *co)
{
    TW_BEGIN(co);
    ck_assert_str_eq(tw_task_name(tw_current_task()), "child");
    TW_YIELD(co);
    TW_END(co);
}

static tw_error *outside_any_task(void *arg)
{
    (void)arg;
    ck_assert_ptr_null(tw_current_task());
    return NULL;
}

static tw_step tasks_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_task **all;
    TW_BEGIN(co);
    f->t = tw_create_task(tw_coro_new(named_child, sizeof(tw_coro)), "child");
    ck_assert_uint_eq(tw_all_tasks(tw_get_running_loop(), &all), 2);
    ck_assert(all[0] == f->t || all[1] == f->t);
    ck_assert(all[0] == tw_current_task() || all[1] == tw_current_task());
    free(all);
    tw_call_soon(tw_get_running_loop(), outside_any_task, NULL, NULL);
    TW_AWAIT(co, tw_ref(f->t));
    ck_assert_uint_eq(tw_all_tasks(tw_get_running_loop(), &all), 1);
    ck_assert_ptr_eq(all[0], tw_current_task());
    free(all);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(current_task_and_all_tasks)
{
    ck_assert_ptr_null(tw_current_task());
    expect_trace(tasks_main, "");
}
END_TEST
#line 446 "chapters/tier4-tests.nw"
struct stack_frame { tw_coro co; tw_future *fut; };

static tw_step stack_inner(tw_coro *co)
{
    struct stack_frame *f = (struct stack_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, f->fut);
    TW_END(co);
}

static tw_step stack_middle(tw_coro *co)
{
    struct stack_frame *f = (struct stack_frame *)co;
    TW_BEGIN(co);
    {
        struct stack_frame *inner = tw_coro_new(stack_inner, sizeof *inner);
        inner->fut = f->fut;
        TW_AWAIT(co, &inner->co);
    }
    TW_END(co);
}

static tw_frame begun;                  /* read after an await: not a local */

static tw_step stack_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct stack_frame *middle;
    tw_frame frames[3];
    char *text = NULL;
    size_t len = 0;
    FILE *out;
    TW_BEGIN(co);
    f->fut = tw_future_new(tw_get_running_loop());
    middle = tw_coro_new(stack_middle, sizeof *middle);
    middle->fut = tw_ref(f->fut);
    ck_assert(tw_coro_frame(&middle->co, &begun));
    ck_assert_str_eq(begun.name, "stack_middle");
    f->t = tw_create_task(&middle->co, "stacked");
    TW_YIELD(co);
    ck_assert_uint_eq(tw_task_get_stack(f->t, frames, 3), 2);
    ck_assert_str_eq(frames[0].name, "stack_middle");
    ck_assert_str_eq(frames[1].name, "stack_inner");
    ck_assert_int_gt(frames[0].line, begun.line);
    ck_assert_uint_eq(tw_task_get_stack(f->t, frames, 1), 2);
    ck_assert_str_eq(frames[0].name, "stack_inner");
    out = open_memstream(&text, &len);
    tw_task_print_stack(f->t, -1, out);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(text, "Stack for <Task pending name='stacked'> "
                                       "(most recent call last):\n  File \""));
    ck_assert_ptr_nonnull(strstr(text, ", in stack_middle\n  File \""));
    ck_assert_ptr_nonnull(strstr(text, ", in stack_inner\n"));
    free(text);
    tw_future_set_exception(f->fut, tw_error_new(TW_ERR_VALUE, "failed"));
    tw_unref(f->fut);
    TW_AWAIT_TRY(co, tw_ref(f->t));
    TW_CLEAR(co);
    ck_assert_uint_eq(tw_task_get_stack(f->t, frames, 3), 0);
    out = open_memstream(&text, &len);
    tw_task_print_stack(f->t, -1, out);
    fclose(out);
    ck_assert_str_eq(text, "No stack for <Task finished name='stacked'>\n"
                           "ValueError: failed\n");
    free(text);
    tw_unref(f->t);
    TW_END(co);
}

START_TEST(a_tasks_stack_is_its_chain_of_awaits)
{
    expect_trace(stack_main, "");
}
END_TEST
#line 792 "chapters/tier4-tests.nw"
static tw_error *record_done(tw_future *f, void *what)
{
    (void)f;
    strcat(trace, what);
    return NULL;
}

static tw_step kept_callbacks_main(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    void *aws[1];
    tw_future *gathering;
    TW_BEGIN(co);
    f->fut = tw_future_new(tw_get_running_loop());
    aws[0] = tw_ref(f->fut);
    gathering = tw_gather(1, aws, false);
    tw_future_add_done_callback(f->fut, record_done, "a");
    tw_future_add_done_callback(f->fut, record_done, "b");
    ck_assert_uint_eq(tw_future_remove_done_callback(f->fut, record_done, "a"), 1);
    tw_future_set_result(f->fut, TW_INT(7));
    TW_AWAIT(co, gathering);                    /* takes our reference */
    ck_assert_uint_eq(((const tw_gathered *)TW_RESULT(co).p)->n, 1);
    ck_assert_int_eq(((const tw_gathered *)TW_RESULT(co).p)->values[0].i, 7);
    tw_unref(f->fut);
    f->fut = tw_future_new(tw_get_running_loop());
    aws[0] = tw_ref(f->fut);
    TW_AWAIT(co, tw_wait(1, aws, 1.0, TW_ALL_COMPLETED));
    ck_assert_uint_eq(((const tw_waited *)TW_RESULT(co).p)->npending, 1);
    ck_assert(!tw_future_done(f->fut));
    tw_future_add_done_callback(f->fut, record_done, "c");
    tw_future_set_result(f->fut, TW_NONE);
    TW_AWAIT(co, tw_sleep(0));
    tw_unref(f->fut);
    TW_END(co);
}

START_TEST(kept_callbacks_share_a_list_with_others)
{
    expect_trace(kept_callbacks_main, "bc");
}
END_TEST
#line 836 "chapters/tier4-tests.nw"
static int factory_calls;

static tw_task *counting_factory(tw_loop *L, tw_coro *coro, const char *name, void *data)
{
    ck_assert_ptr_eq(data, &factory_calls);
    factory_calls++;
    return tw_task_new(L, coro, name);
}

static tw_step yield_once(tw_coro *co)
{
    TW_BEGIN(co);
    TW_YIELD(co);
    TW_END(co);
}

static tw_step gather_two(tw_coro *co)
{
    void *children[2];
    TW_BEGIN(co);
    children[0] = tw_coro_new(yield_once, sizeof(tw_coro));
    children[1] = tw_coro_new(yield_once, sizeof(tw_coro));
    TW_AWAIT(co, tw_gather(2, children, false));
    TW_END(co);
}

START_TEST(task_factory_makes_every_task)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    factory_calls = 0;
    ck_assert(tw_loop_get_task_factory(L) == NULL);
    tw_loop_set_task_factory(L, counting_factory, &factory_calls);
    ck_assert(tw_loop_get_task_factory(L) == counting_factory);
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_coro_call(gather_two), NULL));
    ck_assert_int_eq(factory_calls, 3);         /* the main task and gather's two */
    tw_loop_set_task_factory(L, NULL, NULL);
    ck_assert(tw_loop_get_task_factory(L) == NULL);
    ck_assert_ptr_null(tw_loop_run_until_complete(L, tw_coro_call(gather_two), NULL));
    ck_assert_int_eq(factory_calls, 3);
    tw_loop_free(L);
}
END_TEST
#line 889 "chapters/tier4-tests.nw"
static tw_step stubborn_body(tw_coro *co)
{
    TW_BEGIN(co);
    strcat(trace, "s");
    TW_AGEN_YIELD(co, TW_INT(1));
    TW_CLEAR(co);                           /* ignores GeneratorExit */
    strcat(trace, "x");
    TW_AGEN_YIELD(co, TW_INT(2));
    TW_END(co);
}

static tw_agen *gen;

static tw_step close_unstarted(tw_coro *co)
{
    TW_BEGIN(co);
    gen = tw_agen_new(stubborn_body, sizeof(tw_agen));
    TW_AWAIT(co, tw_agen_aclose(gen));
    TW_AWAIT_TRY(co, tw_agen_anext(gen));
    if (tw_error_is(TW_ERROR(co), TW_ERR_STOP_ASYNC_ITERATION))
        strcat(trace, "e");
    TW_CLEAR(co);
    tw_unref(&gen->co);
    TW_END(co);
}

START_TEST(a_generator_never_started_closes_without_running)
{
    expect_trace(close_unstarted, "e");
}
END_TEST

static tw_step close_stubborn(tw_coro *co)
{
    TW_BEGIN(co);
    gen = tw_agen_new(stubborn_body, sizeof(tw_agen));
    TW_AWAIT(co, tw_agen_anext(gen));
    TW_AWAIT_TRY(co, tw_agen_aclose(gen));
    if (tw_error_is(TW_ERROR(co), TW_ERR_RUNTIME))
        strcat(trace, tw_error_message(TW_ERROR(co)));
    TW_CLEAR(co);
    tw_unref(&gen->co);
    TW_END(co);
}

START_TEST(a_generator_that_ignores_generator_exit)
{
    expect_trace(close_stubborn, "sxasync generator ignored GeneratorExit");
}
END_TEST
#line 532 "chapters/tier4-tests.nw"
static void create_a_task_without_a_loop(void *arg)
{
    (void)arg;
    tw_create_task(tw_sleep(0), NULL);
}

static void gather_without_a_loop(void *arg)
{
    (void)arg;
    tw_gather(0, NULL, false);
}

static tw_error *make_a_group(void *arg)
{
    (void)arg;
    tw_taskgroup_new();
    return NULL;
}

static void make_a_group_outside_a_task(void *arg)
{
    (void)arg;
    run_in_a_callback(make_a_group);
}

START_TEST(misuse_without_a_loop_or_a_task_is_fatal)
{
    ck_assert(dies_saying(create_a_task_without_a_loop, NULL, "tw_create_task: no running event loop"));
    ck_assert(dies_saying(gather_without_a_loop, NULL, "tw_gather: no running event loop"));
    ck_assert(dies_saying(make_a_group_outside_a_task, NULL, "tw_taskgroup_new: not inside a task"));
}
END_TEST

static tw_step wait_refusals_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    void *aws[1];
    TW_BEGIN(co);
    aws[0] = tw_sleep(0);
    TW_AWAIT_TRY(co, tw_wait(1, aws, TW_FOREVER, TW_ALL_COMPLETED));
    ck_assert_int_eq(tw_error_kind(TW_ERROR(co)), TW_ERR_TYPE);
    ck_assert_str_eq(tw_error_message(TW_ERROR(co)), "Passing coroutines is forbidden, use tasks explicitly.");
    TW_CLEAR(co);
    f->fut = tw_future_new(tw_get_running_loop());
    aws[0] = tw_ref(f->fut);
    TW_AWAIT_TRY(co, tw_wait(1, aws, TW_FOREVER, (tw_return_when)7));
    ck_assert_int_eq(tw_error_kind(TW_ERROR(co)), TW_ERR_VALUE);
    ck_assert_str_eq(tw_error_message(TW_ERROR(co)), "Invalid return_when value: 7");
    TW_CLEAR(co);
    tw_unref(f->fut);
    strcat(trace, "refused");
    TW_END(co);
}

START_TEST(wait_refuses_coroutines_and_unknown_conditions)
{
    expect_trace(wait_refusals_body, "refused");
}
END_TEST

static tw_step report_the_current_task(tw_coro *co)
{
    tw_context ctx = { .message = "look", .future = tw_task_future(tw_current_task()), .nitems = 1,
                       .items = &(tw_context_item){ "key", "value" } };
    TW_BEGIN(co);
    tw_task_set_name(tw_current_task(), "reported");
    tw_loop_default_exception_handler(tw_get_running_loop(), &ctx);
    TW_END(co);
}

static void report_a_task(void *arg)
{
    (void)arg;
    tw_unref(tw_run_clock(tw_coro_new(report_the_current_task, sizeof(tw_coro)),
                                TW_CLOCK_VIRTUAL, NULL));
}

START_TEST(a_task_describes_itself)
{
    char err[256];
    int status = run_child(report_a_task, NULL, err, sizeof err);
    ck_assert(WIFEXITED(status));   /* under valgrind a forked child's exit status is its own */
    ck_assert_str_eq(err, "look\nfuture: <Task pending name='reported'>\nkey: value\n");
}
END_TEST
#line 946 "chapters/tier4-tests.nw"
static tw_step describe_body(tw_coro *co)
{
    tw_future *pending;
    tw_as_completed *ac;
    tw_taskgroup *g;
    TW_BEGIN(co);
    pending = tw_future_new(tw_get_running_loop());
    ac = tw_as_completed_new(1, (void *const *)&pending, TW_FOREVER);     /* takes it */
    assert_describes_as(ac, "<as_completed 1 of 1 pending>");
    tw_unref(tw_future_set_result(pending, TW_NONE));
    tw_unref(ac);
    g = tw_taskgroup_new();
    assert_describes_as(g, "<TaskGroup tasks=0 entered>");
    TW_AWAIT(co, tw_taskgroup_exit(g, NULL));          /* takes the group */
    TW_END(co);
}

START_TEST(groups_and_as_completed_describe_themselves)
{
    ck_assert_ptr_null(tw_run(tw_coro_new(describe_body, sizeof(tw_coro)), NULL));
}
END_TEST
#line 627 "chapters/tier4-tests.nw"
static tw_contextvar request_var = TW_CONTEXTVAR("request", TW_STR("unset"));
static tw_ctx *copied;

static tw_step copy_in_a_task(tw_coro *co)
{
    TW_BEGIN(co);
    tw_contextvar_set(&request_var, TW_STR("first"));
    copied = tw_copy_context();
    tw_contextvar_set(&request_var, TW_STR("second"));
    TW_END(co);
}

static void *drop_on_another_thread(void *ctx)
{
    tw_unref((tw_ctx *)ctx);
    return NULL;
}

START_TEST(a_context_object_is_counted_across_threads)
{
    pthread_t other;
    ck_assert_ptr_null(tw_run_clock(tw_coro_new(copy_in_a_task, sizeof(tw_coro)),
                                    TW_CLOCK_REAL, NULL));
    assert_describes_as(copied, "<Context variables=1>");
    ck_assert_int_eq(pthread_create(&other, NULL, drop_on_another_thread, tw_ref(copied)), 0);
    ck_assert_int_eq(pthread_join(other, NULL), 0);
    ck_assert_str_eq(tw_ctx_get(copied, &request_var).s, "first");
    tw_unref(copied);
}
END_TEST
#line 665 "chapters/tier4-tests.nw"
static tw_contextvar user_var = TW_CONTEXTVAR("user", TW_STR("nobody"));
static tw_contextvar never_set_var = TW_CONTEXTVAR("never", TW_INT(7));

static tw_step set_two_variables(tw_coro *co)
{
    TW_BEGIN(co);
    tw_contextvar_set(&request_var, TW_STR("first"));
    tw_contextvar_set(&user_var, TW_STR("ann"));
    tw_contextvar_set(&user_var, TW_STR("bob"));
    ck_assert_str_eq(tw_contextvar_get(&request_var).s, "first");
    ck_assert_str_eq(tw_contextvar_get(&user_var).s, "bob");
    ck_assert_int_eq(tw_contextvar_get(&never_set_var).i, 7);
    copied = tw_copy_context();
    TW_END(co);
}

START_TEST(a_context_holds_several_variables)
{
    ck_assert_ptr_null(tw_run_clock(tw_coro_new(set_two_variables, sizeof(tw_coro)),
                                    TW_CLOCK_VIRTUAL, NULL));
    assert_describes_as(copied, "<Context variables=2>");
    ck_assert_str_eq(tw_ctx_get(copied, &user_var).s, "bob");
    ck_assert_int_eq(tw_ctx_get(copied, &never_set_var).i, 7);
    tw_unref(copied);
}
END_TEST
#line 703 "chapters/tier4-tests.nw"
static tw_error *enter_in_a_callback(void *loop)
{
    tw_timeout *tm = tw_timeout_new(1);
    tw_error *e = tw_timeout_enter(tm);
    ck_assert(tw_error_is(e, TW_ERR_RUNTIME));
    ck_assert_str_eq(tw_error_message(e), "Timeout should be used inside a task");
    tw_unref(e);
    tw_timeout_free(tm);
    tw_loop_stop(loop);
    return NULL;
}

struct timeout_frame { tw_coro co; tw_timeout *tm; };

static void timeout_frame_cleanup(tw_coro *co)
{
    tw_timeout_free(((struct timeout_frame *)co)->tm);
}

static tw_step timeouts_misused_and_swallowed(tw_coro *co)
{
    struct timeout_frame *f = (struct timeout_frame *)co;
    tw_error *e;
    TW_BEGIN(co);
    f->tm = tw_timeout_new(10);
    ck_assert_ptr_null(tw_timeout_enter(f->tm));
    e = tw_timeout_enter(f->tm);
    ck_assert_str_eq(tw_error_message(e), "Timeout has already been entered");
    tw_unref(e);
    ck_assert_ptr_null(tw_timeout_exit(f->tm, NULL));
    e = tw_timeout_enter(f->tm);
    ck_assert_str_eq(tw_error_message(e), "Timeout has already been entered");
    tw_unref(e);
    tw_timeout_free(f->tm);

    f->tm = tw_timeout_new(0);
    ck_assert_ptr_null(tw_timeout_enter(f->tm));
    TW_AWAIT_TRY(co, tw_sleep(10));
    ck_assert(tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED));
    TW_CLEAR(co);                       /* the block swallows the cancellation */
    ck_assert_ptr_null(tw_timeout_exit(f->tm, NULL));
    ck_assert(tw_timeout_expired(f->tm));
    ck_assert_int_eq(tw_task_cancelling(tw_current_task()), 0);
    strcat(trace, "done");
    TW_END(co);
}

static tw_step timeouts_body(tw_coro *co)
{
    struct timeout_frame *f;
    TW_BEGIN(co);
    f = tw_coro_new(timeouts_misused_and_swallowed, sizeof *f);
    f->co.cleanup = timeout_frame_cleanup;
    TW_AWAIT(co, &f->co);
    TW_END(co);
}

START_TEST(a_timeout_is_entered_once_and_by_a_task)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    ck_assert_ptr_null(tw_call_soon(L, enter_in_a_callback, L, NULL));
    ck_assert_ptr_null(tw_loop_run_forever(L));
    tw_loop_free(L);
    expect_trace(timeouts_body, "done");
}
END_TEST

#line 72 "chapters/tier4-tests.nw"
Suite *tw_task_suite(void)
{
    Suite *s = suite_create("task");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, cancel_before_the_first_step);
    tcase_add_test(tc, cancel_at_an_await);
    tcase_add_test(tc, cancel_refused);
    tcase_add_test(tc, cancelling_counts_requests);
    tcase_add_test(tc, cancel_of_a_task_waiting_on_a_future);
    tcase_add_test(tc, cancel_after_the_awaited_future_completed);
    tcase_add_test(tc, cancel_during_the_last_step);
    tcase_add_test(tc, cancel_passed_to_an_awaited_task_that_refuses);
    tcase_add_test(tc, a_task_is_its_coroutines_outcome);
    tcase_add_test(tc, current_task_and_all_tasks);
    tcase_add_test(tc, kept_callbacks_share_a_list_with_others);
    tcase_add_test(tc, a_tasks_stack_is_its_chain_of_awaits);
    tcase_add_test(tc, task_factory_makes_every_task);
    tcase_add_test(tc, a_generator_never_started_closes_without_running);
    tcase_add_test(tc, a_generator_that_ignores_generator_exit);
    tcase_add_test(tc, misuse_without_a_loop_or_a_task_is_fatal);
    tcase_add_test(tc, wait_refuses_coroutines_and_unknown_conditions);
    tcase_add_test(tc, a_task_describes_itself);
    tcase_add_test(tc, groups_and_as_completed_describe_themselves);
    tcase_add_test(tc, a_context_object_is_counted_across_threads);
    tcase_add_test(tc, a_context_holds_several_variables);
    tcase_add_test(tc, a_timeout_is_entered_once_and_by_a_task);
    suite_add_tcase(s, tc);
    return s;
}
