#line 1055 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

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
    size_t n = b ? b->len : 0;
    while (n > 0 && (b->data[n - 1] == '\n' || b->data[n - 1] == ' '))
        n--;
    if (b)
        printf("%s: %.*s\n", label, (int)n, (const char *)b->data);
    else
        printf("%s: None\n", label);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const both[] = { "/bin/sh", "-c", "echo out; echo err >&2", NULL };
    static const char *const copy[] = { "/bin/sh", "-c", "cat >&2", NULL };
    static const tw_subprocess_options err_only = { .std_out = TW_DEVNULL, .std_err = TW_PIPE };
    static const tw_subprocess_options fed = { .std_in = TW_PIPE, .std_out = TW_DEVNULL,
                                               .std_err = TW_PIPE };
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(both, &err_only));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, NULL, 0, &f->out, &f->err));
    show("stdout", f->out);
    show("stderr", f->err);
    drop(f);
    TW_AWAIT(co, tw_create_subprocess_exec(copy, &fed));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, "fed\n", 4, &f->out, &f->err));
    show("stdout with input", f->out);
    show("stderr with input", f->err);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
