#line 1063 "chapters/tier2-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include "tower.h"

static pthread_t loop_thread;
static tw_future *fut;

static tw_error *deliver(void *value)
{
    printf("callback ran on the loop thread: %s\n",
           tw_bool_str(pthread_equal(pthread_self(), loop_thread)));
    return tw_future_set_result(fut, TW_STR(value));
}

static void *worker(void *loop)
{
    tw_call_soon_threadsafe(loop, deliver, "from thread");
    return NULL;
}

struct main_frame { tw_coro co; pthread_t t; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    fut = tw_future_new(loop);
    pthread_create(&f->t, NULL, worker, loop);
    TW_AWAIT(co, tw_ref(fut));
    pthread_join(f->t, NULL);
    printf("future set through call_soon_threadsafe: %s\n", TW_RESULT(co).s);
    tw_unref(fut);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop_thread = pthread_self();
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
