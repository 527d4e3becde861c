#line 1554 "chapters/tier5-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct shell_frame { tw_coro co; const char *cmd; tw_process *proc; tw_bytes *out; };

static void shell_cleanup(tw_coro *co)
{
    struct shell_frame *f = (struct shell_frame *)co;
    tw_unref(f->proc);
    tw_bytes_free(f->out);
}

static void print_words(const char *label, const tw_bytes *b)
{
    const char *sep = "";
    printf("%s", label);
    for (const char *w = (const char *)b->data; *(w += strspn(w, " \t\n"));
         w += strcspn(w, " \t\n")) {
        printf("%s%.*s", sep, (int)strcspn(w, " \t\n"), w);
        sep = " ";
    }
    printf("\n");
}

static tw_step shell_body(tw_coro *co)
{
    static const tw_subprocess_options piped = { .std_out = TW_PIPE };
    struct shell_frame *f = (struct shell_frame *)co;
    int code = -1;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_subprocess_shell(f->cmd, &piped));
    f->proc = TW_RESULT(co).p;
    TW_AWAIT(co, tw_process_communicate(f->proc, NULL, 0, &f->out, NULL));
    printf("command: %s\n", f->cmd);
    print_words("  output: ", f->out);
    tw_process_returncode(f->proc, &code);
    printf("  returncode: %d\n", code);
    TW_END(co);
}

static tw_coro *shell(const char *cmd)
{
    struct shell_frame *f = tw_coro_new(shell_body, sizeof *f);
    f->cmd = cmd;
    f->co.cleanup = shell_cleanup;
    return &f->co;
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, shell("echo $((6 * 7))"));
    TW_AWAIT(co, shell("printf 'pear\\napple\\nfig\\n' | sort"));
    TW_AWAIT(co, shell("echo 'a b'; exit 5"));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
