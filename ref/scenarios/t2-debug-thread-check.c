#line 1611 "chapters/tier2-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include "tower.h"

static tw_loop *loop;
static tw_future *done;
static double now;
static char results[3][160];

static tw_error *never(void *unused)
{
    (void)unused;
    printf("never\n");
    return NULL;
}

static void record(int i, const char *call, tw_error *err)
{
    if (err)
        snprintf(results[i], sizeof results[i], "%s from another thread: %s: %s", call,
                 tw_error_type(err), tw_error_message(err));
    else
        snprintf(results[i], sizeof results[i], "%s from another thread: accepted", call);
    tw_unref(err);
}

static tw_error *finish(void *unused)
{
    (void)unused;
    return tw_future_set_result(done, TW_NONE);
}

static void *from_another_thread(void *unused)
{
    (void)unused;
    record(0, "call_soon", tw_call_soon(loop, never, NULL, NULL));
    record(1, "call_later", tw_call_later(loop, 0, never, NULL, NULL));
    record(2, "call_at", tw_call_at(loop, now, never, NULL, NULL));
    tw_unref(tw_call_soon_threadsafe(loop, finish, NULL));
    return NULL;
}

static tw_error *say(void *text)
{
    printf("%s\n", (const char *)text);
    return NULL;
}

struct main_frame { tw_coro co; pthread_t thread; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    loop = tw_get_running_loop();
    tw_loop_set_debug(loop, true);
    done = tw_future_new(loop);
    now = tw_loop_time(loop);
    pthread_create(&f->thread, NULL, from_another_thread, NULL);
    TW_AWAIT(co, tw_ref(done));
    tw_unref(done);
    pthread_join(f->thread, NULL);
    for (int i = 0; i < 3; i++)
        printf("%s\n", results[i]);
    tw_unref(tw_call_soon(loop, say, "call_soon from the loop's own thread: runs", NULL));
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
