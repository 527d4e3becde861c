#line 394 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *say(void *line)
{
    puts(line);
    return NULL;
}

struct num { tw_coro co; intptr_t n; };

static tw_step plain_body(tw_coro *co)
{
    struct num *f = (struct num *)co;
    TW_BEGIN(co);
    TW_RETURN(co, TW_INT(f->n + 1));
    TW_END(co);
}

static tw_step chain_body(tw_coro *co);

static tw_coro *num_coro(tw_coro_fn body, intptr_t n)
{
    struct num *f = tw_coro_new(body, sizeof *f);
    f->n = n;
    return &f->co;
}

static tw_step chain_body(tw_coro *co)
{
    struct num *f = (struct num *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, num_coro(plain_body, f->n));
    TW_AWAIT(co, num_coro(plain_body, TW_RESULT(co).i));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    tw_call_soon(tw_get_running_loop(), say, "callback: ran", NULL);
    TW_AWAIT(co, num_coro(chain_body, 1));
    TW_AWAIT(co, num_coro(chain_body, TW_RESULT(co).i));
    printf("after awaits that never suspend: value=%ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT(co, tw_sleep(0));
    printf("after sleep(0)\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
