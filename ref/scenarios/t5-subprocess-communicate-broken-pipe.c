#line 991 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_process *proc; tw_bytes *out; unsigned char *input; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->proc);
    tw_bytes_free(f->out);
    free(f->input);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/sh", "-c", "exec 0<&-; echo closed stdin", NULL };
    static const tw_subprocess_options pipes = { .std_in = TW_PIPE, .std_out = TW_PIPE };
    struct main_frame *f = (struct main_frame *)co;
    tw_bytes *line;
    int code = -1;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &pipes));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_stream_reader_readline(tw_process_stdout(f->proc)));
    line = TW_RESULT(co).p;
    printf("child says: %.*s\n", (int)strcspn((const char *)line->data, "\n"), line->data);
    tw_bytes_free(line);
    TW_AWAIT(co, tw_process_wait(f->proc));
    printf("child exited with %ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT(co, tw_sleep(0.05));
    f->input = malloc(1024 * 1024);
    memset(f->input, 'x', 1024 * 1024);
    TW_AWAIT(co, tw_process_communicate(f->proc, f->input, 1024 * 1024, &f->out, NULL));
    printf("communicate returned; further output bytes: %zu\n", f->out->len);
    tw_process_returncode(f->proc, &code);
    printf("returncode: %d\n", code);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
