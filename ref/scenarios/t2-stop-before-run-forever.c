#line 509 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_loop *loop;
static char tags[4][8] = { "A", "B" };
static int ntags = 2;

static tw_error *cb(void *p)
{
    char *tag = p;
    printf("callback %s\n", tag);
    if (tag[strlen(tag) - 1] != '+') {
        snprintf(tags[ntags], sizeof tags[ntags], "%s+", tag);
        tw_call_soon(loop, cb, tags[ntags++], NULL);
    }
    return NULL;
}

static tw_error *guard(void *arg)
{
    (void)arg;
    printf("guard: run_forever was still running after 1 s\n");
    tw_loop_stop(loop);
    return NULL;
}

int main(void)
{
    tw_handle *watchdog;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_call_soon(loop, cb, tags[0], NULL);
    tw_call_soon(loop, cb, tags[1], NULL);
    tw_call_later(loop, 1, guard, NULL, &watchdog);
    tw_loop_stop(loop);
    printf("stop() called before run_forever()\n");
    tw_loop_run_forever(loop);
    printf("run_forever returned after one pass\n");
    tw_handle_cancel(watchdog);
    tw_handle_release(watchdog);
    err = tw_loop_run_until_complete(loop, tw_sleep(0), NULL);
    if (err)
        return tw_report_uncaught(err);
    printf("the next run_until_complete ran the deferred callbacks\n");
    tw_loop_free(loop);
    return 0;
}
