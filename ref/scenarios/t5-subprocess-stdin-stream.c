#line 1772 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_process *proc; int i; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->proc);
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "cat", NULL };
    static const char *const words[] = { "one", "two", "three" };
    static const tw_subprocess_options pipes = { .std_in = TW_PIPE, .std_out = TW_PIPE };
    struct main_frame *f = (struct main_frame *)co;
    char line[16];
    tw_bytes *echoed;
    tw_error *err;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &pipes));
    f->proc = TW_RESULT(co).p;
    for (f->i = 0; f->i < 3; f->i++) {
        snprintf(line, sizeof line, "%s\n", words[f->i]);
        if ((err = tw_stream_writer_write(tw_process_stdin(f->proc), line, strlen(line))) != NULL)
            TW_RAISE(co, err);
        TW_AWAIT(co, tw_stream_writer_drain(tw_process_stdin(f->proc)));
        TW_AWAIT(co, tw_stream_reader_readline(tw_process_stdout(f->proc)));
        echoed = TW_RESULT(co).p;
        printf("sent %s got %.*s\n", words[f->i], (int)strcspn((const char *)echoed->data, "\n"),
               echoed->data);
        tw_bytes_free(echoed);
    }
    tw_stream_writer_close(tw_process_stdin(f->proc));
    TW_AWAIT(co, tw_stream_reader_read(tw_process_stdout(f->proc), -1));
    echoed = TW_RESULT(co).p;
    printf("after close: remaining bytes: %zu\n", echoed->len);
    tw_bytes_free(echoed);
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
