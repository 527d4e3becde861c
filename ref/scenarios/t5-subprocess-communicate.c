#line 910 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static unsigned char big[256 * 1024];

struct main_frame { tw_coro co; tw_process *proc; tw_bytes *out, *err; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->proc);
    tw_bytes_free(f->out);
    tw_bytes_free(f->err);
}

static void print_lines(const tw_bytes *b)
{
    printf("stdout lines:");
    for (const char *line = (const char *)b->data; *line; line += strcspn(line, "\n") + 1)
        printf(" %.*s", (int)strcspn(line, "\n"), line);
    printf("\n");
}

static int exit_code_of(tw_process *p)
{
    int code = -1;
    tw_process_returncode(p, &code);
    return code;
}

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "cat", NULL };
    static const tw_subprocess_options pipes = { .std_in = TW_PIPE, .std_out = TW_PIPE };
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &pipes));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, "ping\npong\n", 10, &f->out, &f->err));
    print_lines(f->out);
    printf("stdout bytes: %zu\n", f->out->len);
    printf("stderr is None: %s\n", tw_bool_str(f->err == NULL));
    printf("returncode: %d\n", exit_code_of(f->proc));
    tw_unref(f->proc);
    tw_bytes_free(f->out);
    f->proc = NULL;
    f->out = NULL;
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)i;
    TW_AWAIT(co, tw_create_subprocess_exec(argv, &pipes));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, big, sizeof big, &f->out, NULL));
    printf("large input: bytes back: %zu identical: %s\n", f->out->len,
           tw_bool_str(f->out->len == sizeof big
                       && memcmp(f->out->data, big, sizeof big) == 0));
    printf("returncode: %d\n", exit_code_of(f->proc));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f = tw_coro_new(main_body, sizeof *f);
    setvbuf(stdout, NULL, _IOLBF, 0);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
