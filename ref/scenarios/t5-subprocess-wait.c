#line 1834 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

struct waiter_frame { tw_coro co; const char *name; tw_process *proc; };

static tw_step waiter_body(tw_coro *co)
{
    struct waiter_frame *f = (struct waiter_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_process_wait(f->proc));
    printf("%s saw %ld\n", f->name, (long)TW_RESULT(co).i);
    TW_END(co);
}

static tw_coro *waiter(const char *name, tw_process *proc)
{
    struct waiter_frame *f = tw_coro_new(waiter_body, sizeof *f);
    f->name = name;
    f->proc = proc;
    return &f->co;
}

struct main_frame { tw_coro co; tw_process *proc; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->proc);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/sh", "-c", "sleep 0.3; exit 7", NULL };
    struct main_frame *f = (struct main_frame *)co;
    int code = -1;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, NULL));
    f->proc = TW_RESULT(co).p;
    printf("returncode while running: %s\n",
           tw_process_returncode(f->proc, &code) ? "?" : "None");
    {
        void *both[] = { waiter("first", f->proc), waiter("second", f->proc) };
        TW_AWAIT(co, tw_gather(2, both, false));
    }
    tw_process_returncode(f->proc, &code);
    printf("returncode after exit: %d\n", code);
    TW_AWAIT(co, tw_process_wait(f->proc));
    printf("wait again: %ld\n", (long)TW_RESULT(co).i);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
