#line 1128 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct run_frame {
    tw_coro co;
    const char *label;
    const char *const *argv;
    tw_subprocess_options options;
    tw_process *proc;
    tw_bytes *out;
};

static void run_cleanup(tw_coro *co)
{
    struct run_frame *f = (struct run_frame *)co;
    tw_unref(f->proc);
    tw_bytes_free(f->out);
}

static tw_step run_body(tw_coro *co)
{
    struct run_frame *f = (struct run_frame *)co;
    int code = -1;
    TW_BEGIN(co);
    f->options.std_out = TW_PIPE;
    TW_AWAIT(co, tw_create_subprocess_exec(f->argv, &f->options));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, NULL, 0, &f->out, NULL));
    tw_process_returncode(f->proc, &code);
    printf("%s: %.*s | returncode %d\n", f->label,
           (int)strcspn((const char *)f->out->data, "\n"), f->out->data, code);
    TW_END(co);
}

static tw_coro *run(const char *label, const char *const *argv, const char *cwd,
                    const char *const *env)
{
    struct run_frame *f = tw_coro_new(run_body, sizeof *f);
    f->label = label;
    f->argv = argv;
    f->options.cwd = cwd;
    f->options.env = env;
    f->co.cleanup = run_cleanup;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    static const char *const pwd[] = { "/bin/sh", "-c", "pwd", NULL };
    static const char *const echo[] = { "/bin/sh", "-c", "echo \"$TOWER_VALUE\"", NULL };
    static const char *const echo_or_unset[] =
        { "/bin/sh", "-c", "echo \"[${TOWER_VALUE-unset}]\"", NULL };
    static const char *const tower_value[] = { "TOWER_VALUE=from env", NULL };
    static const char *const empty[] = { NULL };
    TW_BEGIN(co);
    TW_AWAIT(co, run("cwd=/", pwd, "/", NULL));
    TW_AWAIT(co, run("env", echo, NULL, tower_value));
    TW_AWAIT(co, run("empty env", echo_or_unset, NULL, empty));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
