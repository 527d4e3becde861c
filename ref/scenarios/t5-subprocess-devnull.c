#line 1206 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_process *proc; tw_bytes *out; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->proc);
    tw_bytes_free(f->out);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const cat[] = { "cat", NULL };
    static const char *const echo[] = { "/bin/echo", "discarded", NULL };
    static const tw_subprocess_options from_devnull =
        { .std_in = TW_DEVNULL, .std_out = TW_PIPE };
    static const tw_subprocess_options to_devnull = { .std_out = TW_DEVNULL };
    struct main_frame *f = (struct main_frame *)co;
    int code = -1;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(cat, &from_devnull));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, NULL, 0, &f->out, NULL));
    tw_process_returncode(f->proc, &code);
    printf("cat from devnull: bytes: %zu returncode: %d\n", f->out->len, code);
    printf("stdin attribute is None: %s\n", tw_process_stdin(f->proc) ? "False" : "True");
    tw_unref(f->proc);
    f->proc = NULL;
    TW_AWAIT(co, tw_create_subprocess_exec(echo, &to_devnull));
    f->proc = TW_RESULT(co).p;
    printf("stdout attribute is None: %s\n", tw_process_stdout(f->proc) ? "False" : "True");
    TW_AWAIT(co, tw_process_wait(f->proc));
    printf("returncode: %ld\n", (long)TW_RESULT(co).i);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
