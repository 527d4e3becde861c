#line 567 "chapters/tier4-tasks.nw"
/* tower/timeout.h -- timeouts: asyncio's timeouts.py
   (see the book, tier 4) */
#ifndef TOWER_TIMEOUT_H
#define TOWER_TIMEOUT_H
#include "tower/task.h"

#line 578 "chapters/tier4-tasks.nw"
typedef struct tw_timeout tw_timeout;

tw_timeout *tw_timeout_new(double delay);
tw_timeout *tw_timeout_at(double when);
tw_error *tw_timeout_enter(tw_timeout *tm);
tw_error *tw_timeout_exit(tw_timeout *tm, tw_error *body_error);
double tw_timeout_when(const tw_timeout *tm);
tw_error *tw_timeout_reschedule(tw_timeout *tm, double when);
bool tw_timeout_expired(const tw_timeout *tm);
void tw_timeout_free(tw_timeout *tm);
#line 574 "chapters/tier4-tasks.nw"
#endif
