#line 1435 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_process *proc; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->proc);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/sh", "-c", "printf 'alpha\\nbeta\\ngamma'", NULL };
    static const tw_subprocess_options piped = { .std_out = TW_PIPE };
    struct main_frame *f = (struct main_frame *)co;
    tw_bytes *line;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &piped));
    f->proc = TW_RESULT(co).p;
    for (;;) {
        TW_AWAIT(co, tw_stream_reader_readline(tw_process_stdout(f->proc)));
        line = TW_RESULT(co).p;
        if (line->len == 0) {
            tw_bytes_free(line);
            printf("eof\n");
            break;
        }
        if (line->data[line->len - 1] == '\n')
            printf("line: %.*s (newline)\n", (int)line->len - 1, line->data);
        else
            printf("line: %s (no newline)\n", line->data);
        tw_bytes_free(line);
    }
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(tw_process_stdout(f->proc))));
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
