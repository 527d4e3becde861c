#line 1375 "chapters/tier5-examples.nw"
#include <string.h>
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; int i; tw_process *proc; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->proc);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const programs[] =
        { "/nonexistent/tower-no-such-program", "tower-no-such-program" };
    static const tw_subprocess_options quiet = { .std_err = TW_DEVNULL };
    struct main_frame *f = (struct main_frame *)co;
    const char *argv[] = { NULL, "arg", NULL };
    tw_error *e;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 2; f->i++) {
        argv[0] = programs[f->i];
        TW_AWAIT_TRY(co, tw_create_subprocess_exec(argv, NULL));
        e = TW_ERROR(co);
        if (tw_error_is(e, TW_ERR_FILE_NOT_FOUND))
            printf("%s -> %s %s\n", programs[f->i], tw_error_type(e),
                   strerrorname_np(tw_os_error_errno(e)));
        else if (e)
            TW_RERAISE(co);
        else {
            printf("%s -> started\n", programs[f->i]);
            tw_unref((tw_process *)TW_RESULT(co).p);
        }
        TW_CLEAR(co);
    }
    TW_AWAIT(co, tw_create_subprocess_shell("tower-no-such-program", &quiet));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_wait(f->proc));
    printf("shell returncode: %ld\n", (long)TW_RESULT(co).i);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
