#line 1315 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_process *proc; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->proc);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] =
        { "/bin/sh", "-c", "echo short; printf '%080d\\n' 0; echo after", NULL };
    static const tw_subprocess_options piped = { .std_out = TW_PIPE, .limit = 32 };
    struct main_frame *f = (struct main_frame *)co;
    tw_bytes *line;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &piped));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_stream_reader_readline(tw_process_stdout(f->proc)));
    line = TW_RESULT(co).p;
    printf("first line: %.*s\n", (int)strcspn((const char *)line->data, "\n"), line->data);
    tw_bytes_free(line);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(tw_process_stdout(f->proc)));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        printf("line longer than limit: ValueError\n");
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    else
        tw_bytes_free(TW_RESULT(co).p);
    TW_CLEAR(co);
    TW_AWAIT(co, tw_stream_reader_read(tw_process_stdout(f->proc), -1));
    tw_bytes_free(TW_RESULT(co).p);     /* drained, not printed */
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
