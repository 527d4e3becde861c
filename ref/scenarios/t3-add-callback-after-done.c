#line 328 "chapters/tier3-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *say(void *line)
{
    puts(line);
    return NULL;
}

static tw_error *done_cb(tw_future *f, void *arg)
{
    tw_value v;
    (void)arg;
    tw_unref(tw_future_result(f, &v));
    printf("done callback: %s\n", v.s);
    return NULL;
}

struct main_frame { tw_coro co; tw_future *fut; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->fut = tw_future_new(loop);
    tw_future_set_result(f->fut, TW_STR("value"));
    TW_AWAIT(co, tw_sleep(0));
    tw_call_soon(loop, say, "call_soon registered before add_done_callback", NULL);
    tw_future_add_done_callback(f->fut, done_cb, NULL);
    printf("add_done_callback returned; the callback has not run inline\n");
    tw_call_soon(loop, say, "call_soon registered after add_done_callback", NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("end\n");
    tw_unref(f->fut);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
