#line 881 "chapters/measuring.nw"
#include "bench.h"
#define SPAWNS 1000

struct spawn_wait_frame { tw_coro co; int i; double start; tw_process *proc; };

static tw_step spawn_and_wait(tw_coro *co)
{
    static const char *const argv[] = { "/bin/true", NULL };
    struct spawn_wait_frame *f = (struct spawn_wait_frame *)co;
    TW_BEGIN(co);
    f->start = now_seconds();
    for (f->i = 0; f->i < SPAWNS; f->i++) {
        TW_AWAIT(co, tw_create_subprocess_exec(argv, NULL));
        f->proc = TW_RESULT(co).p;
        TW_AWAIT(co, tw_process_wait(f->proc));
        tw_unref(f->proc);
    }
    printf("subprocess-spawn %.1f spawns/s\n", SPAWNS / (now_seconds() - f->start));
    TW_END(co);
}

int main(void)
{
    run_benchmark(spawn_and_wait, sizeof(struct spawn_wait_frame));
    return 0;
}
