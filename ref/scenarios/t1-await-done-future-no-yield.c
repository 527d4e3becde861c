#line 462 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *say(void *line)
{
    puts(line);
    return NULL;
}

struct main_frame { tw_coro co; tw_future *fut; const char *a; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->fut = tw_future_new(loop);
    tw_future_set_result(f->fut, TW_STR("ready"));
    tw_call_soon(loop, say, "callback: ran", NULL);
    TW_AWAIT(co, tw_ref(f->fut));
    f->a = TW_RESULT(co).s;
    TW_AWAIT(co, tw_ref(f->fut));
    printf("awaited a done future twice: %s %s; callback has not run\n", f->a, TW_RESULT(co).s);
    tw_unref(f->fut);
    TW_AWAIT(co, tw_sleep(0));
    printf("after sleep(0)\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
