#line 1262 "chapters/tier5-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_process *proc; tw_bytes *data; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->proc);
    tw_bytes_free(f->data);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/echo", "hello", "world", NULL };
    static const tw_subprocess_options piped = { .std_out = TW_PIPE };
    struct main_frame *f = (struct main_frame *)co;
    size_t n;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &piped));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_stream_reader_read(tw_process_stdout(f->proc), -1));
    f->data = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_wait(f->proc));
    n = f->data->len;
    while (n > 0 && f->data->data[n - 1] == '\n')
        n--;
    printf("stdout: %.*s\n", (int)n, f->data->data);
    printf("bytes: %zu\n", f->data->len);
    printf("returncode: %ld\n", (long)TW_RESULT(co).i);
    printf("stdin is None: %s\n", tw_process_stdin(f->proc) ? "False" : "True");
    printf("stderr is None: %s\n", tw_process_stderr(f->proc) ? "False" : "True");
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
