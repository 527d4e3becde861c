#line 69 "chapters/tier1-examples.nw"
#include <stdio.h>
#include "tower.h"

struct body { tw_coro co; const char *tag; };

static tw_step body_body(tw_coro *co)
{
    struct body *f = (struct body *)co;
    TW_BEGIN(co);
    printf("body %s runs\n", f->tag);
    TW_RETURN(co, TW_STR(f->tag));
    TW_END(co);
}

static tw_coro *body(const char *tag)
{
    struct body *f = tw_coro_new(body_body, sizeof *f);
    f->tag = tag;
    return &f->co;
}

struct main_frame { tw_coro co; tw_coro *first; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_coro *never;
    TW_BEGIN(co);
    f->first = body("A");
    printf("called body(A); nothing ran yet\n");
    never = body("B");
    printf("called body(B); nothing ran yet\n");
    tw_coro_close(never);
    printf("closed body(B) without awaiting it\n");
    TW_AWAIT(co, f->first);
    printf("awaited body(A) -> %s\n", TW_RESULT(co).s);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
