#line 612 "chapters/tier4-tasks.nw"
/* tower/runner.h -- running a loop until an awaitable is done, and
   asyncio.run: asyncio's runners.py (see the book, tier 4) */
#ifndef TOWER_RUNNER_H
#define TOWER_RUNNER_H
#include "tower/task.h"
#include "tower/contextvar.h"

#line 624 "chapters/tier4-tasks.nw"
tw_error *tw_loop_run_until_complete(tw_loop *loop, tw_awaitable *awaitable, tw_value *result);
#define tw_loop_run_until_complete(loop, awaitable, result) \
        (tw_loop_run_until_complete)((loop), TW_AWAITABLE(awaitable), (result))
tw_error *tw_run(tw_coro *main, tw_value *result);
tw_error *tw_run_clock(tw_coro *main, tw_clock clock, tw_value *result);

typedef struct tw_runner tw_runner;
tw_runner *tw_runner_new(tw_clock clock);
tw_error *tw_runner_run(tw_runner *runner, tw_coro *main, tw_ctx *context, tw_value *result);
tw_error *tw_runner_get_loop(tw_runner *runner, tw_loop **loop);
void tw_runner_close(tw_runner *runner);
void tw_runner_free(tw_runner *runner);
#line 620 "chapters/tier4-tasks.nw"
#endif
