#line 613 "chapters/tier5-executors.nw"
/* tier5.h -- what the files of tier 5 (executors and subprocesses) share; not installed. */
#ifndef TOWER_TIER5_H
#define TOWER_TIER5_H
#include "tier4.h"
#include "tower/executor.h"
#include "tower/subprocess.h"

#line 631 "chapters/tier5-executors.nw"
/* tier 5 */
struct tw__loop_executors {             /* the tier's state in a loop */
    tw_loop *loop;                      /* set when the resource below is attached */
    struct tw__inbox *inbox;            /* finished calls of executors */
    struct tw_executor *default_executor;   /* the loop's default: made or set */
    struct tw_executor *made_default;       /* the one the loop made, which it frees */
    bool default_shutdown_step;             /* tw_run's shutdown step is registered */
    bool executor_shutdown_called;
    struct tw_executor *child_watcher;  /* threads waiting for children, without pidfd */
    tw__resource executors_at_close;    /* shuts the executors down at close */
};

struct tw__loop_executors *tw__executors_of(tw_loop *L);

int tw__start_thread(pthread_t *thread, void *(*fn)(void *), void *arg);
void tw__mutex_init(pthread_mutex_t *m);
char **tw__strv_dup(const char *const *v);
void tw__strv_free(char **v);
#line 668 "chapters/tier5-executors.nw"
enum {
    TW__CLOSE_CHILDREN = 500,   /* children still running: after tier 4's tasks */
    TW__CLOSE_EXECUTORS = 510   /* the executors' threads: after the children they wait for */
};
#line 2805 "chapters/tier5-executors.nw"
typedef struct tw__child {
    tw_object obj;
    tw_loop *loop;
    pid_t pid;
    int pidfd;                          /* -1: none, or closed since the reaping */
    bool reaped;
    int returncode;                     /* once reaped */
    tw_future *exit_watch;              /* without a pidfd: the thread that waits */
    void (*on_exit)(void *arg, int returncode);
    void *arg;
} tw__child;

tw_error *tw__child_spawn(tw_loop *loop, char *const *argv, const tw_subprocess_options *options,
                          void (*on_exit)(void *arg, int returncode), void *arg,
                          int parent_end[3], tw__child **child);
tw_error *tw__child_send_signal(tw__child *c, int sig);
void tw__child_release(tw__child *c);
#line 621 "chapters/tier5-executors.nw"
#endif
