#line 468 "chapters/tier6-queues.nw"
/* tower/queue.h -- queues of values between tasks (see the book, tier 6) */
#ifndef TOWER_QUEUE_H
#define TOWER_QUEUE_H
#include "tower/locks.h"

typedef struct tw_queue tw_queue;

#undef TW__KINDS_6
#define TW__KINDS_6(F, x) TW__KINDS_LOCKS(F, x) F(tw_queue, x)
typedef bool (*tw_less_fn)(tw_value a, tw_value b, void *arg);

tw_queue *tw_queue_new(long maxsize);
tw_queue *tw_lifo_queue_new(long maxsize);
tw_queue *tw_priority_queue_new(long maxsize, tw_less_fn less, void *arg);

tw_coro *tw_queue_put(tw_queue *q, tw_value item);
tw_coro *tw_queue_get(tw_queue *q);
tw_error *tw_queue_put_nowait(tw_queue *q, tw_value item);
tw_error *tw_queue_get_nowait(tw_queue *q, tw_value *item);
tw_error *tw_queue_task_done(tw_queue *q);
tw_coro *tw_queue_join(tw_queue *q);

long tw_queue_maxsize(const tw_queue *q);
size_t tw_queue_qsize(const tw_queue *q);
bool tw_queue_empty(const tw_queue *q);
bool tw_queue_full(const tw_queue *q);
#endif
