#line 217 "chapters/tier4-tasks.nw"
/* tower/task.h -- tasks, sleep and the combinators: asyncio's tasks.py
   (see the book, tier 4) */
#ifndef TOWER_TASK_H
#define TOWER_TASK_H
#include "tower/contextvar.h"
#include "tower/future.h"

typedef struct tw_task tw_task;
typedef struct tw_as_completed tw_as_completed;

#define TW__KINDS_TASKS(F, x) TW__KINDS_CONTEXTS(F, x) F(tw_task, x) F(tw_as_completed, x)
#undef TW__KINDS_4
#define TW__KINDS_4(F, x) TW__KINDS_TASKS(F, x)
#undef TW__AWAITABLES_4
#define TW__AWAITABLES_4(F, x) F(tw_task, x)

#line 247 "chapters/tier4-tasks.nw"
static inline tw_future *tw_task_future(tw_task *t) { return (tw_future *)(void *)t; }

tw_task *tw_create_task(tw_coro *coro, const char *name);
tw_task *tw_loop_create_task(tw_loop *loop, tw_coro *coro, const char *name);
const char *tw_task_name(const tw_task *t);
void tw_task_set_name(tw_task *t, const char *name);
tw_coro *tw_task_get_coro(const tw_task *t);
bool tw_task_cancel(tw_task *t, const char *msg);
int tw_task_cancelling(const tw_task *t);
int tw_task_uncancel(tw_task *t);
tw_task *tw_current_task(void);
size_t tw_all_tasks(tw_loop *loop, tw_task ***tasks);

typedef tw_task *(*tw_task_factory)(tw_loop *loop, tw_coro *coro, const char *name, void *data);
void tw_loop_set_task_factory(tw_loop *loop, tw_task_factory factory, void *data);
tw_task_factory tw_loop_get_task_factory(tw_loop *loop);
tw_task *tw_task_new(tw_loop *loop, tw_coro *coro, const char *name);
size_t tw_task_get_stack(const tw_task *t, tw_frame *frames, size_t limit);
void tw_task_print_stack(tw_task *t, int limit, FILE *out);
#line 339 "chapters/tier4-tasks.nw"
tw_coro *tw_sleep(double delay);
tw_coro *tw_sleep_value(double delay, tw_value value);
#line 374 "chapters/tier4-tasks.nw"
#include <math.h>
#define TW_FOREVER INFINITY

typedef struct tw_gathered {
    size_t n;
    const tw_value *values;
    tw_error *const *errors;
} tw_gathered;

tw_future *tw_gather(size_t n, void *const *awaitables, bool return_exceptions);
#line 399 "chapters/tier4-tasks.nw"
typedef enum tw_return_when {
    TW_ALL_COMPLETED,
    TW_FIRST_COMPLETED,
    TW_FIRST_EXCEPTION
} tw_return_when;

typedef struct tw_waited {
    size_t ndone, npending;
    tw_future *const *done;
    tw_future *const *pending;
} tw_waited;

tw_future *tw_wait(size_t n, void *const *awaitables, double timeout, tw_return_when when);
tw_coro *tw_wait_for(tw_awaitable *awaitable, double timeout);
#define tw_wait_for(awaitable, timeout) (tw_wait_for)(TW_AWAITABLE(awaitable), (timeout))
tw_future *tw_shield(tw_awaitable *awaitable);
#define tw_shield(awaitable) (tw_shield)(TW_AWAITABLE(awaitable))

#line 439 "chapters/tier4-tasks.nw"
tw_as_completed *tw_as_completed_new(size_t n, void *const *awaitables, double timeout);
size_t tw_as_completed_count(const tw_as_completed *ac);
tw_coro *tw_as_completed_next(tw_as_completed *ac);
#line 236 "chapters/tier4-tasks.nw"
#endif
