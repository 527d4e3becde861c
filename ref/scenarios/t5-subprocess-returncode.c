#line 1492 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

struct run_frame { tw_coro co; const char *label; const char *const *argv; tw_process *proc; };

static void run_cleanup(tw_coro *co)
{
    tw_unref(((struct run_frame *)co)->proc);
}

static tw_step run_body(tw_coro *co)
{
    static const tw_subprocess_options quiet = { .std_out = TW_DEVNULL };
    struct run_frame *f = (struct run_frame *)co;
    int attribute = -1;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(f->argv, &quiet));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_wait(f->proc));
    tw_process_returncode(f->proc, &attribute);
    printf("%s -> %ld (attribute %d)\n", f->label, (long)TW_RESULT(co).i, attribute);
    TW_END(co);
}

static tw_coro *run(const char *label, const char *const *argv)
{
    struct run_frame *f = tw_coro_new(run_body, sizeof *f);
    f->label = label;
    f->argv = argv;
    f->co.cleanup = run_cleanup;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    static const char *const yes[] = { "true", NULL }, *const no[] = { "false", NULL };
    static const char *const exit3[] = { "/bin/sh", "-c", "exit 3", NULL };
    static const char *const exit255[] = { "/bin/sh", "-c", "exit 255", NULL };
    TW_BEGIN(co);
    TW_AWAIT(co, run("true", yes));
    TW_AWAIT(co, run("false", no));
    TW_AWAIT(co, run("exit 3", exit3));
    TW_AWAIT(co, run("exit 255", exit255));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
