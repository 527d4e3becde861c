#line 2132 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include "tower.h"

static tw_loop *loop;
static char lines[5][128];
static int nlines;

struct add_frame { tw_coro co; int a, b; };

static tw_step add_body(tw_coro *co)
{
    struct add_frame *f = (struct add_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(0.01));
    TW_RETURN(co, TW_INT(f->a + f->b));
    TW_END(co);
}

static tw_coro *add(int a, int b)
{
    struct add_frame *f = tw_coro_new(add_body, sizeof *f);
    f->a = a;
    f->b = b;
    return &f->co;
}

static tw_step fails(tw_coro *co)
{
    TW_BEGIN(co);
    TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "raised in the loop"));
    TW_END(co);
}

static tw_step forever(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(3600));
    TW_END(co);
}

static void line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lines[nlines++], sizeof lines[0], fmt, ap);
    va_end(ap);
}

static tw_error *from_another_thread(void *unused, tw_value *result)
{
    tw_cfuture *fut;
    tw_value v;
    tw_error *err;
    (void)unused;
    (void)result;
    fut = tw_run_coroutine_threadsafe(add(2, 3), loop);
    if ((err = tw_cfuture_result(fut, 10, &v)) == NULL)
        line("run_coroutine_threadsafe(add(2, 3)).result(): %ld", (long)v.i);
    tw_unref(err);
    tw_unref(fut);

    fut = tw_run_coroutine_threadsafe(tw_coro_call(fails), loop);
    err = tw_cfuture_result(fut, 10, &v);
    if (tw_error_is(err, TW_ERR_VALUE))
        line("a coroutine that raises: result() raises ValueError: %s", tw_error_message(err));
    tw_unref(err);
    tw_unref(fut);

    fut = tw_run_coroutine_threadsafe(tw_coro_call(forever), loop);
    err = tw_cfuture_result(fut, 0.05, &v);
    if (tw_error_is(err, TW_ERR_TIMEOUT))
        line("result(timeout=0.05) of a coroutine still running: TimeoutError");
    tw_unref(err);
    line("cancel() from the thread: %s", tw_bool_str(tw_cfuture_cancel(fut)));
    err = tw_cfuture_result(fut, 10, &v);
    if (tw_error_is(err, TW_ERR_CANCELLED))
        line("result() after cancel(): CancelledError");
    tw_unref(err);
    tw_unref(fut);
    return NULL;
}

static void *set_in_a_thread(void *cf)
{
    tw_unref(tw_cfuture_set_result(cf, TW_STR("set by a thread")));
    return NULL;
}

struct main_frame { tw_coro co; tw_cfuture *cf; tw_future *wrapped; pthread_t thread; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->cf);
    tw_unref(f->wrapped);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    loop = tw_get_running_loop();
    TW_AWAIT(co, tw_to_thread(from_another_thread, NULL));
    for (int i = 0; i < nlines; i++)
        printf("%s\n", lines[i]);

    f->cf = tw_cfuture_new();
    f->wrapped = tw_wrap_future(loop, f->cf);
    pthread_create(&f->thread, NULL, set_in_a_thread, f->cf);
    TW_AWAIT(co, tw_ref(f->wrapped));
    printf("await wrap_future(a concurrent future): %s\n", TW_RESULT(co).s);
    pthread_join(f->thread, NULL);
    tw_unref(f->cf);
    tw_unref(f->wrapped);

    f->cf = tw_cfuture_new();
    f->wrapped = tw_wrap_future(loop, f->cf);
    tw_future_cancel(f->wrapped, NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("cancelling the wrapper cancels the concurrent future: %s\n",
           tw_bool_str(tw_cfuture_cancelled(f->cf)));
    {
        tw_future *own = tw_future_new(loop);
        tw_future *same = tw_wrap_future(loop, own);
        printf("wrap_future(an asyncio future) is that future: %s\n", tw_bool_str(same == own));
        tw_unref(same);
        tw_unref(own);
    }
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
