#line 21 "chapters/tier2-seed.nw"
#include <stdio.h>
#include "tower.h"

/* The seed calls main() without awaiting it: the coroutine object is made
   and dropped, and nothing of its body runs (Python also prints a
   RuntimeWarning on stderr). The C edition does the same. */
static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    printf("never printed\n");
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    tw_coro_close(tw_coro_new(main_body, sizeof(tw_coro)));
    fprintf(stderr, "RuntimeWarning: coroutine 'main' was never awaited\n");
    return 0;
}
