#line 1669 "chapters/tier1-coroutines.nw"
/* pool.h -- what pool.c defines: allocation that cannot fail, and the
   per-thread slabs of small blocks; not installed. */
#ifndef TOWER_POOL_H
#define TOWER_POOL_H
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *tw__alloc(size_t size);
void *tw__realloc(void *p, size_t size);
char *tw__strdup(const char *s);
void tw__fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#line 1707 "chapters/tier1-coroutines.nw"
#if defined(__SANITIZE_ADDRESS__)
#define TW__POOL_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TW__POOL_ON 0
#endif
#endif
#ifndef TW__POOL_ON
#define TW__POOL_ON 1
#endif

enum { TW__POOL_GRAIN = 8, TW__POOL_CLASSES = 32,
       TW__POOL_MALLOCED = TW__POOL_CLASSES + 1,    /* the block is malloc's */
       TW__POOL_SLAB = 65536, TW__POOL_SLAB_HEADER = 64 };

struct tw__pool_block { struct tw__pool_block *next; };

struct tw__pool_home {
    struct tw__pool_block *free[TW__POOL_CLASSES + 1];
    long live;                  /* blocks of its slabs handed out, not back */
    int users;                  /* loops its thread runs */
    char *bump[TW__POOL_CLASSES + 1];  /* what each class's newest slab */
    char *end[TW__POOL_CLASSES + 1];   /* has not carved yet */
    struct tw__pool_slab *slabs;
    long foreign;               /* of live, given back on other threads */
    bool orphan;                /* its thread has ended */
    pthread_mutex_t lock;       /* users, and everything while users is 0 */
};

struct tw__pool_slab {
    struct tw__pool_home *home;
    struct tw__pool_slab *next;
};

extern _Thread_local struct tw__pool_home *tw__pool_home;
extern _Thread_local struct tw__pool_home *tw__pool_fast;  /* the home, while a loop lives */

void *tw__pool_carve(struct tw__pool_home *h, size_t c);
bool tw__pool_turned_off(void);       /* TOWER_POOL=off */
void tw__pool_give_slow(void *p, size_t c);
void tw__pool_use(void);
void tw__pool_unuse(void);
#line 1134 "chapters/tier1-coroutines.nw"
#include <stdlib.h>
#include <unistd.h>
#ifdef TW_COVERAGE
void __gcov_dump(void);
void __gcov_reset(void);
#define TW__WRITE_COVERAGE() (__gcov_dump(), __gcov_reset())
#else
#define TW__WRITE_COVERAGE() ((void)0)
#endif

static inline __attribute__((noreturn)) void tw__abort(void)
{
    TW__WRITE_COVERAGE();
    abort();
}

static inline __attribute__((noreturn)) void tw__child_exit(int status)
{
    TW__WRITE_COVERAGE();
    _exit(status);
}
#line 1685 "chapters/tier1-coroutines.nw"
#endif
