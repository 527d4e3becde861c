#line 123 "chapters/tier4-examples.nw"
#include <stdio.h>
#include "tower.h"

struct sleeper { tw_coro co; const char *tag; double delay; };

static tw_step sleeper_body(tw_coro *co)
{
    struct sleeper *f = (struct sleeper *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_sleep(f->delay));
    printf("%s woke\n", f->tag);
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

static tw_task *sleeper(const char *tag, double delay)
{
    struct sleeper *f = tw_coro_new(sleeper_body, sizeof *f);
    f->tag = tag;
    f->delay = delay;
    return tw_create_task(&f->co, NULL);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    {
        void *tasks[3] = { sleeper("slow 0.3 s", 0.3), sleeper("fast 0.1 s", 0.1),
                           sleeper("mid 0.2 s", 0.2) };
        TW_AWAIT(co, tw_gather(3, tasks, false));
    }
    {
        const tw_gathered *g = TW_RESULT(co).p;
        printf("results in creation order: %s, %s, %s\n",
               g->values[0].s, g->values[1].s, g->values[2].s);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
