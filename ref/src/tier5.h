#line 646 "chapters/tier5-executors.nw"
/* tier5.h -- what the files of tier 5 (executors and subprocesses) share; not installed. */
#ifndef TOWER_TIER5_H
#define TOWER_TIER5_H
#include "tier4.h"
#include "tower/executor.h"
#include "tower/subprocess.h"

#line 659 "chapters/tier5-executors.nw"
/* tier 5 */
int tw__start_thread(pthread_t *thread, void *(*fn)(void *), void *arg);
void tw__mutex_init(pthread_mutex_t *m);
char **tw__strv_dup(const char *const *v);
void tw__strv_free(char **v);
#line 654 "chapters/tier5-executors.nw"
#endif
