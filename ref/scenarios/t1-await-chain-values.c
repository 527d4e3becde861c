#line 82 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

struct leaf { tw_coro co; int x; };

static tw_step leaf_body(tw_coro *co)
{
    struct leaf *f = (struct leaf *)co;
    TW_BEGIN(co);
    printf("leaf(%d) enter\n", f->x);
    TW_AWAIT(co, tw_sleep(0));
    printf("leaf(%d) resumed\n", f->x);
    TW_RETURN(co, TW_INT(f->x * 10));
    TW_END(co);
}

static tw_coro *leaf(int x)
{
    struct leaf *f = tw_coro_new(leaf_body, sizeof *f);
    f->x = x;
    return &f->co;
}

/* the locals that live across awaits are fields of the frame */
struct middle { tw_coro co; int x, local; intptr_t a; };

static tw_step middle_body(tw_coro *co)
{
    struct middle *f = (struct middle *)co;
    TW_BEGIN(co);
    printf("middle(%d) enter\n", f->x);
    f->local = f->x + 1;
    TW_AWAIT(co, leaf(f->local));
    f->a = TW_RESULT(co).i;
    TW_AWAIT(co, leaf(f->local + 1));
    printf("middle(%d) locals intact: local=%d\n", f->x, f->local);
    TW_RETURN(co, TW_INT(f->a + TW_RESULT(co).i));
    TW_END(co);
}

static tw_coro *middle(int x)
{
    struct middle *f = tw_coro_new(middle_body, sizeof *f);
    f->x = x;
    return &f->co;
}

static tw_step nothing_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, middle(1));
    printf("middle(1) -> %ld\n", (long)TW_RESULT(co).i);
    TW_AWAIT(co, tw_coro_call(nothing_body));
    printf("coroutine without return -> %s\n", TW_RESULT(co).p == NULL ? "None" : "?");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
