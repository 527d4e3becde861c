#line 2295 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include "tower.h"

struct handoff { tw_loop *loop; sem_t started; tw_future *finished; bool cancel, cancelled; };

struct sleeper_frame { tw_coro co; struct handoff *h; };

static tw_step sleeper_body(tw_coro *co)
{
    struct sleeper_frame *f = (struct sleeper_frame *)co;
    TW_BEGIN(co);
    sem_post(&f->h->started);
    TW_AWAIT_TRY(co, tw_sleep(3600));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        printf("coroutine: CancelledError at its await\n");
        tw_unref(tw_future_set_result(f->h->finished, TW_NONE));
    }
    TW_RERAISE(co);
    TW_END(co);
}

static tw_error *cancel_from_a_thread(void *arg, tw_value *result)
{
    struct handoff *h = arg;
    struct sleeper_frame *s = tw_coro_new(sleeper_body, sizeof *s);
    tw_cfuture *cf;
    (void)result;
    s->h = h;
    cf = tw_run_coroutine_threadsafe(&s->co, h->loop);
    while (sem_wait(&h->started) != 0)
        ;
    h->cancel = tw_cfuture_cancel(cf);
    h->cancelled = tw_cfuture_cancelled(cf);
    tw_unref(cf);
    return NULL;
}

static void *fail_in_a_thread(void *cf)
{
    tw_unref(tw_cfuture_set_exception(cf, tw_error_new(TW_ERR_VALUE, "set by a thread")));
    return NULL;
}

static void *cancel_in_a_thread(void *cf)
{
    tw_cfuture_cancel(cf);
    return NULL;
}

struct main_frame {
    tw_coro co;
    struct handoff h;
    tw_task *worker;
    tw_cfuture *cf;
    tw_future *wrapped;
    pthread_t thread;
};

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->h.finished);
    tw_unref(f->worker);
    tw_unref(f->cf);
    tw_unref(f->wrapped);
    sem_destroy(&f->h.started);
}

/* A concurrent future and its wrapper, and a thread that completes the one. */
static void wrap_and_start(struct main_frame *f, void *(*thread)(void *))
{
    tw_unref(f->cf);
    tw_unref(f->wrapped);
    f->cf = tw_cfuture_new();
    f->wrapped = tw_wrap_future(f->h.loop, f->cf);
    pthread_create(&f->thread, NULL, thread, f->cf);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->h.loop = tw_get_running_loop();
    sem_init(&f->h.started, 0, 0);
    f->h.finished = tw_future_new(f->h.loop);
    f->worker = tw_create_task(tw_to_thread(cancel_from_a_thread, &f->h), NULL);
    TW_AWAIT(co, tw_ref(f->h.finished));
    TW_AWAIT(co, tw_ref(f->worker));
    printf("cancel() from the thread: %s, cancelled(): %s\n",
           tw_bool_str(f->h.cancel), tw_bool_str(f->h.cancelled));

    wrap_and_start(f, fail_in_a_thread);
    TW_AWAIT_TRY(co, tw_ref(f->wrapped));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RERAISE(co);
    printf("await wrap_future(a concurrent future a thread fails): ValueError(%s)\n",
           tw_error_message(TW_ERROR(co)));
    TW_CLEAR(co);
    pthread_join(f->thread, NULL);

    wrap_and_start(f, cancel_in_a_thread);
    TW_AWAIT_TRY(co, tw_ref(f->wrapped));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    printf("await wrap_future(a concurrent future a thread cancels): CancelledError\n");
    TW_CLEAR(co);
    pthread_join(f->thread, NULL);
    printf("the wrapper is cancelled: %s\n", tw_bool_str(tw_future_cancelled(f->wrapped)));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
