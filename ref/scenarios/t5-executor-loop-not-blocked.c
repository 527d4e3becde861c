#line 209 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include "tower.h"

static struct gate {
    pthread_mutex_t lock;
    pthread_cond_t opened;
    bool open;
} gate = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false };

static tw_error *blocking(void *arg, tw_value *result)
{
    struct gate *g = arg;
    struct timespec deadline;
    bool opened;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    pthread_mutex_lock(&g->lock);
    while (!g->open && pthread_cond_timedwait(&g->opened, &g->lock, &deadline) == 0)
        ;
    opened = g->open;
    pthread_mutex_unlock(&g->lock);
    *result = TW_STR(opened ? "released by the loop" : "never released");
    return NULL;
}

static void open_gate(struct gate *g)
{
    pthread_mutex_lock(&g->lock);
    g->open = true;
    pthread_cond_broadcast(&g->opened);
    pthread_mutex_unlock(&g->lock);
}

struct ticker_frame { tw_coro co; int i; };

static tw_step ticker(tw_coro *co)
{
    struct ticker_frame *f = (struct ticker_frame *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 3; f->i++) {
        printf("tick %d\n", f->i);
        TW_YIELD(co);
    }
    TW_END(co);
}

struct main_frame { tw_coro co; tw_future *fut; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_run_in_executor(tw_get_running_loop(), NULL, blocking, &gate, &f->fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_create_task(tw_coro_new(ticker, sizeof(struct ticker_frame)), NULL));
    printf("executor future done while blocked: %s\n", tw_bool_str(tw_future_done(f->fut)));
    open_gate(&gate);
    TW_AWAIT(co, f->fut);
    printf("result: %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
