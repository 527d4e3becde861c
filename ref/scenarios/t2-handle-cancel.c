#line 341 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_loop *loop;
static tw_handle *handles[5];       /* A B D T U */
enum { A, B, D, T, U };

static tw_error *cb(void *tag)
{
    printf("callback %s\n", (const char *)tag);
    if (strcmp(tag, "A") == 0) {
        tw_handle_cancel(handles[B]);
        printf("  A cancelled B, which is already queued in this batch\n");
        /* armed here, so it cannot fall due before this batch has run */
        tw_call_later(loop, 0.02, cb, "timer U", &handles[U]);
    }
    return NULL;
}

static tw_error *stop(void *lp)
{
    tw_loop_stop(lp);
    return NULL;
}

int main(void)
{
    tw_handle *c;
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_call_soon(loop, cb, "A", &handles[A]);
    tw_call_soon(loop, cb, "B", &handles[B]);
    tw_call_soon(loop, cb, "C", &c);
    tw_handle_release(c);
    tw_call_soon(loop, cb, "D", &handles[D]);
    tw_handle_cancel(handles[D]);
    tw_call_later(loop, 0.01, cb, "timer T", &handles[T]);
    tw_handle_cancel(handles[T]);
    tw_handle_cancel(handles[T]);
    printf("D and T cancelled before the loop ran (T twice)\n");
    tw_call_later(loop, 0.1, stop, loop, NULL);
    tw_loop_run_forever(loop);
    for (int i = 0; i < 5; i++) {
        printf("%c.cancelled() = %s\n",
               "ABDTU"[i], tw_bool_str(tw_handle_cancelled(handles[i])));
        tw_handle_release(handles[i]);
    }
    tw_loop_free(loop);
    return 0;
}
