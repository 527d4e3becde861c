#line 531 "chapters/tier4-tasks.nw"
/* tower/taskgroup.h -- task groups: asyncio's taskgroups.py
   (see the book, tier 4) */
#ifndef TOWER_TASKGROUP_H
#define TOWER_TASKGROUP_H
#include "tower/task.h"

#line 542 "chapters/tier4-tasks.nw"
typedef struct tw_taskgroup tw_taskgroup;

tw_taskgroup *tw_taskgroup_new(void);
tw_task *tw_taskgroup_create_task(tw_taskgroup *g, tw_coro *coro, const char *name);
tw_coro *tw_taskgroup_exit(tw_taskgroup *g, tw_error *body_error);

#undef TW__KINDS_4
#define TW__KINDS_4(F, x) TW__KINDS_TASKS(F, x) F(tw_taskgroup, x)
#line 538 "chapters/tier4-tasks.nw"
#endif
