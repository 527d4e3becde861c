#line 505 "chapters/tier5-executors.nw"
/* tower/subprocess.h -- child processes (see the book, tier 5) */
#ifndef TOWER_SUBPROCESS_H
#define TOWER_SUBPROCESS_H
#include "tower/executor.h"

#line 518 "chapters/tier5-executors.nw"
#define TW_INHERIT 0
#define TW_PIPE (-1)
#define TW_STDOUT (-2)
#define TW_DEVNULL (-3)
#define TW_FD(fd) ((fd) + 1)

typedef struct tw_subprocess_options {
    int std_in, std_out, std_err;
    const char *cwd;
    const char *const *env;
    size_t limit;
} tw_subprocess_options;
#line 511 "chapters/tier5-executors.nw"
#endif
