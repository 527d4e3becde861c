#line 493 "chapters/tier4-tasks.nw"
/* tower/runner.h -- running a loop until an awaitable is done, and
   asyncio.run: asyncio's runners.py (see the book, tier 4) */
#ifndef TOWER_RUNNER_H
#define TOWER_RUNNER_H
#include "tower/task.h"

#line 504 "chapters/tier4-tasks.nw"
tw_error *tw_loop_run_until_complete(tw_loop *loop, tw_awaitable *awaitable, tw_value *result);
#define tw_loop_run_until_complete(loop, awaitable, result) \
        (tw_loop_run_until_complete)((loop), TW_AWAITABLE(awaitable), (result))
tw_error *tw_run(tw_coro *main, tw_value *result);
tw_error *tw_run_clock(tw_coro *main, tw_clock clock, tw_value *result);
#line 500 "chapters/tier4-tasks.nw"
#endif
