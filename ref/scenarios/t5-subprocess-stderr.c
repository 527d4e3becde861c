#line 1701 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

#define SCRIPT "echo out1; echo err1 >&2; echo out2; echo err2 >&2"

struct main_frame { tw_coro co; tw_process *proc; tw_bytes *out, *err; };

static void drop(struct main_frame *f)
{
    tw_unref(f->proc);
    tw_bytes_free(f->out);
    tw_bytes_free(f->err);
    f->proc = NULL;
    f->out = f->err = NULL;
}

static void main_cleanup(tw_coro *co)
{
    drop((struct main_frame *)co);
}

static void show(const char *label, const tw_bytes *b)
{
    const char *sep = " ";
    printf("%s:", label);
    for (const char *w = (const char *)b->data; *(w += strspn(w, " \n")); w += strcspn(w, " \n"))
        printf("%s%.*s", sep, (int)strcspn(w, " \n"), w);
    printf("\n");
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/sh", "-c", SCRIPT, NULL };
    static const tw_subprocess_options separate = { .std_out = TW_PIPE, .std_err = TW_PIPE };
    static const tw_subprocess_options merged = { .std_out = TW_PIPE, .std_err = TW_STDOUT };
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &separate));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, NULL, 0, &f->out, &f->err));
    show("separate stdout", f->out);
    show("separate stderr", f->err);
    drop(f);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &merged));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, NULL, 0, &f->out, &f->err));
    show("merged stdout", f->out);
    printf("merged stderr is None: %s\n", f->err ? "False" : "True");
    printf("proc.stderr is None: %s\n", tw_process_stderr(f->proc) ? "False" : "True");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
