#line 1635 "chapters/tier1-coroutines.nw"
/* pool.h -- what pool.c defines: allocation that cannot fail, and the
   per-thread free lists of small blocks; not installed. */
#ifndef TOWER_POOL_H
#define TOWER_POOL_H
#include <stddef.h>

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

enum { TW__POOL_GRAIN = 16, TW__POOL_SLACK = 8, TW__POOL_CLASSES = 16,
       TW__POOL_UNSIZED = 0xffff };

struct tw__pool_block { struct tw__pool_block *next; };
extern _Thread_local struct tw__pool_block *tw__pool[TW__POOL_CLASSES + 1];
extern _Thread_local int tw__pool_users;

void *tw__pool_refill(size_t c);
void tw__pool_use(void);
void tw__pool_unuse(void);
#line 1133 "chapters/tier1-coroutines.nw"
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
#line 1648 "chapters/tier1-coroutines.nw"
#endif
