#line 492 "chapters/tier5-executors.nw"
/* tier5.h -- what the files of tier 5 (executors and subprocesses) share; not installed. */
#ifndef TOWER_TIER5_H
#define TOWER_TIER5_H
#include "tier4.h"
#include "tower/executor.h"
#include "tower/subprocess.h"

#line 505 "chapters/tier5-executors.nw"
/* tier 5 */
int tw__start_thread(pthread_t *thread, void *(*fn)(void *), void *arg);
void tw__mutex_init(pthread_mutex_t *m);
char **tw__strv_dup(const char *const *v);
void tw__strv_free(char **v);
#line 2262 "chapters/tier5-executors.nw"
typedef struct tw__child {
    tw_future hdr;                      /* reference count only */
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
#line 500 "chapters/tier5-executors.nw"
#endif
