#line 1628 "chapters/tier5-examples.nw"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct stop_frame { tw_coro co; const char *how; tw_process *proc; };

static void stop_cleanup(tw_coro *co)
{
    tw_unref(((struct stop_frame *)co)->proc);
}

static tw_step stop_body(tw_coro *co)
{
    static const char *const argv[] = { "sleep", "10", NULL };
    struct stop_frame *f = (struct stop_frame *)co;
    tw_error *err;
    int code;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, NULL));
    f->proc = TW_RESULT(co).p;
    printf("%s returncode before: %s\n", f->how,
           tw_process_returncode(f->proc, &code) ? "?" : "None");
    if (strcmp(f->how, "terminate") == 0)
        err = tw_process_terminate(f->proc);
    else if (strcmp(f->how, "kill") == 0)
        err = tw_process_kill(f->proc);
    else
        err = tw_process_send_signal(f->proc, SIGUSR1);
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_process_wait(f->proc));
    if (strcmp(f->how, "send_signal") == 0)
        printf("%s returncode is -SIGUSR1: %s\n", f->how,
               tw_bool_str(TW_RESULT(co).i == -SIGUSR1));
    else
        printf("%s returncode after: %ld\n", f->how, (long)TW_RESULT(co).i);
    TW_END(co);
}

static tw_coro *stop(const char *how)
{
    struct stop_frame *f = tw_coro_new(stop_body, sizeof *f);
    f->how = how;
    f->co.cleanup = stop_cleanup;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, stop("terminate"));
    TW_AWAIT(co, stop("kill"));
    TW_AWAIT(co, stop("send_signal"));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
