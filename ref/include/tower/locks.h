#line 273 "chapters/tier6-queues.nw"
/* tower/locks.h -- locks, events, conditions, semaphores and barriers
   (see the book, tier 6) */
#ifndef TOWER_LOCKS_H
#define TOWER_LOCKS_H
#include "tower/task.h"

typedef struct tw_lock tw_lock;
typedef struct tw_event tw_event;
typedef struct tw_condition tw_condition;
typedef struct tw_semaphore tw_semaphore;
typedef struct tw_barrier tw_barrier;

#define TW__KINDS_LOCKS(F, x) F(tw_lock, x) F(tw_event, x) F(tw_condition, x)      \
        F(tw_semaphore, x) F(tw_barrier, x)
#undef TW__KINDS_6
#define TW__KINDS_6(F, x) TW__KINDS_LOCKS(F, x)

#line 299 "chapters/tier6-queues.nw"
tw_lock *tw_lock_new(void);
tw_coro *tw_lock_acquire(tw_lock *lock);
tw_error *tw_lock_release(tw_lock *lock);
bool tw_lock_locked(const tw_lock *lock);
#line 339 "chapters/tier6-queues.nw"
tw_event *tw_event_new(void);
tw_coro *tw_event_wait(tw_event *event);
void tw_event_set(tw_event *event);
void tw_event_clear(tw_event *event);
bool tw_event_is_set(const tw_event *event);
#line 355 "chapters/tier6-queues.nw"
typedef tw_value (*tw_predicate_fn)(void *arg);

tw_condition *tw_condition_new(tw_lock *lock);
tw_lock *tw_condition_lock(const tw_condition *cond);
tw_coro *tw_condition_acquire(tw_condition *cond);
tw_error *tw_condition_release(tw_condition *cond);
bool tw_condition_locked(const tw_condition *cond);
tw_coro *tw_condition_wait(tw_condition *cond);
tw_coro *tw_condition_wait_for(tw_condition *cond, tw_predicate_fn predicate, void *arg);
tw_error *tw_condition_notify(tw_condition *cond, size_t n);
tw_error *tw_condition_notify_all(tw_condition *cond);
#line 399 "chapters/tier6-queues.nw"
tw_error *tw_semaphore_new(long value, tw_semaphore **sem);
tw_error *tw_bounded_semaphore_new(long value, tw_semaphore **sem);
tw_coro *tw_semaphore_acquire(tw_semaphore *sem);
tw_error *tw_semaphore_release(tw_semaphore *sem);
bool tw_semaphore_locked(const tw_semaphore *sem);
#line 431 "chapters/tier6-queues.nw"
tw_error *tw_barrier_new(long parties, tw_barrier **barrier);
tw_coro *tw_barrier_wait(tw_barrier *barrier);
tw_coro *tw_barrier_reset(tw_barrier *barrier);
tw_coro *tw_barrier_abort(tw_barrier *barrier);
size_t tw_barrier_parties(const tw_barrier *barrier);
size_t tw_barrier_n_waiting(const tw_barrier *barrier);
bool tw_barrier_broken(const tw_barrier *barrier);
#line 295 "chapters/tier6-queues.nw"
#endif
