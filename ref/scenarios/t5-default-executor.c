#line 24 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include "tower.h"

struct where { const char *tag; pthread_t thread; };

static tw_error *where(void *arg, tw_value *result)
{
    struct where *w = arg;
    w->thread = pthread_self();
    *result = TW_STR(w->tag);
    return NULL;
}

struct main_frame { tw_coro co; struct where w; int i; };

static tw_step main_body(tw_coro *co)
{
    static const char *const tags[] = { "first", "second" };
    struct main_frame *f = (struct main_frame *)co;
    tw_future *fut;
    tw_error *err;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 2; f->i++) {
        f->w.tag = tags[f->i];
        if ((err = tw_run_in_executor(tw_get_running_loop(), NULL, where, &f->w, &fut)) != NULL)
            TW_RAISE(co, err);
        TW_AWAIT(co, fut);
        printf("result tag: %s\n", TW_RESULT(co).s);
        printf("ran on the loop thread: %s\n",
               tw_bool_str(pthread_equal(f->w.thread, pthread_self())));
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
