#line 857 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

static bool fired;

static tw_error *fire(void *arg)
{
    (void)arg;
    fired = true;
    return NULL;
}

struct main_frame { tw_coro co; tw_process *proc; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->proc);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "sleep", "0.05", NULL };
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    tw_call_later(tw_get_running_loop(), 5, fire, NULL, NULL);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, NULL));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_wait_for(tw_process_wait(f->proc), 5));
    printf("returncode: %ld\n", (long)TW_RESULT(co).i);
    printf("timer fired first: %s\n", tw_bool_str(fired));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
