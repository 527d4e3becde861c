#line 668 "chapters/tier1-coroutines.nw"
/* tier1.h -- what the files of tier 1 (coroutines, errors, the pool) share;
   not installed. */
#ifndef TOWER_TIER1_H
#define TOWER_TIER1_H
#include "tower/error.h"
#include "tower/coro.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#line 691 "chapters/tier1-coroutines.nw"
struct tw_error {
    int refs;                 /* < 0: static and immortal */
    tw_errkind kind;
    char *type;               /* owned for TW_ERR_USER only */
    char *message;            /* NULL: made without arguments */
    size_t count;
    tw_error **items;
};

enum { CORO_CREATED, CORO_RUNNING, CORO_DONE };   /* tw_coro.state */

#define TW__STATIC_ERROR(kind, type, msg) { -1, kind, (char *)type, (char *)msg, 0, NULL }

void *tw__alloc(size_t size);
void *tw__realloc(void *p, size_t size);
char *tw__strdup(const char *s);
void tw__fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
tw_error *tw__os_error(int errnum_for_class, int errnum, const char *filename,
                       const char *message);
#line 1271 "chapters/tier1-coroutines.nw"
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
void *tw__pool_alloc(size_t size);
void tw__pool_free(void *p);
void tw__pool_use(void);
void tw__pool_unuse(void);

static inline size_t tw__pool_class(size_t size)
{
    if (size <= TW__POOL_SLACK)
        return 0;
    return (size - TW__POOL_SLACK + TW__POOL_GRAIN - 1) / TW__POOL_GRAIN;
}

static inline void *tw__pool_get(size_t size)
{
    size_t c = tw__pool_class(size);
    struct tw__pool_block *b;
    if (c > TW__POOL_CLASSES)
        return tw__alloc(size);
    if ((b = tw__pool[c]) == NULL)
        return tw__pool_refill(c);
    tw__pool[c] = b->next;
    return b;
}

static inline void tw__pool_give(void *p, size_t c)
{
    if (!TW__POOL_ON || tw__pool_users <= 0 || c > TW__POOL_CLASSES) {
        free(p);
        return;
    }
    ((struct tw__pool_block *)p)->next = tw__pool[c];
    tw__pool[c] = p;
}

static inline void tw__pool_put(void *p, size_t size)
{
    tw__pool_give(p, tw__pool_class(size));
}

static inline size_t tw__pool_class_capped(size_t size)  /* fits a small field */
{
    size_t c = tw__pool_class(size);
    return c > TW__POOL_CLASSES ? TW__POOL_CLASSES + 1 : c;
}
#line 1537 "chapters/tier1-coroutines.nw"
void tw__coro_finalize(tw_object *o);
void tw__coro_describe(tw_object *o, FILE *out);
int tw__coro_await(tw_object *o, tw_coro *co);
#line 726 "chapters/tier1-coroutines.nw"
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
#line 683 "chapters/tier1-coroutines.nw"
#endif
