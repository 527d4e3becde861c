#line 641 "chapters/tier5-executors.nw"
/* tier5.h -- what the files of tier 5 (executors and subprocesses) share; not installed. */
#ifndef TOWER_TIER5_H
#define TOWER_TIER5_H
#include "tier4.h"
#include "tower/executor.h"
#include "tower/subprocess.h"

#line 654 "chapters/tier5-executors.nw"
/* tier 5 */
struct tw__loop_executors {             /* the tier's state in a loop */
    tw_loop *loop;                      /* set when the resource below is attached */
    struct tw__inbox *inbox;            /* finished calls of executors */
    struct tw_executor *default_executor;
    bool executor_shutdown_called;
    struct tw_executor *child_watcher;  /* threads waiting for children, without pidfd */
    tw__resource executors_at_close;    /* shuts the executors down at close */
};

extern tw__loop_key tw__executors_key;

static inline struct tw__loop_executors *tw__executors_of(tw_loop *L)
{
    return tw__loop_state(L, &tw__executors_key, sizeof(struct tw__loop_executors), NULL);
}

int tw__start_thread(pthread_t *thread, void *(*fn)(void *), void *arg);
void tw__mutex_init(pthread_mutex_t *m);
char **tw__strv_dup(const char *const *v);
void tw__strv_free(char **v);
#line 692 "chapters/tier5-executors.nw"
enum {
    TW__CLOSE_CHILDREN = 500,   /* children still running: after tier 4's tasks */
    TW__CLOSE_EXECUTORS = 510   /* the executors' threads: after the children they wait for */
};
#line 649 "chapters/tier5-executors.nw"
#endif
