#line 1009 "chapters/tier1-coroutines.nw"
/* tier1.h -- what the files of tier 1 (coroutines, errors, the pool) share;
   not installed. */
#ifndef TOWER_TIER1_H
#define TOWER_TIER1_H
#include "pool.h"
#include "tower/error.h"
#include "tower/coro.h"
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#line 1033 "chapters/tier1-coroutines.nw"
struct tw_error {
    tw_object obj;            /* refs < 0: static and immortal */
    tw_errkind kind;
    char *type;               /* owned for TW_ERR_USER only */
    char *message;            /* NULL: made without arguments */
    size_t count;
    tw_error **items;
};

enum { CORO_CREATED, CORO_RUNNING, CORO_DONE };   /* tw_coro.state */

extern const tw_class tw__error_class;
#define TW__STATIC_ERROR(kind, type, msg)                               \
    { { TW_KIND_OBJECT, -1, &tw__error_class }, kind, (char *)type, (char *)msg, 0, NULL }

void tw__error_init(tw_error *e, tw_errkind kind);

tw_error *tw__os_error(int errnum_for_class, int errnum, const char *filename,
                       const char *message);
#line 1731 "chapters/tier1-coroutines.nw"
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

static inline void *tw__pool_alloc(size_t size)
{
    return memset(tw__pool_get(size), 0, size);
}

static inline size_t tw__pool_class_held(size_t usable)  /* the largest class it serves */
{
    return usable <= TW__POOL_SLACK ? 0 : (usable - TW__POOL_SLACK) / TW__POOL_GRAIN;
}

static inline void tw__pool_free(void *p)
{
    if (p != NULL)
        tw__pool_give(p, tw__pool_class_held(malloc_usable_size(p)));
}
#line 2012 "chapters/tier1-coroutines.nw"
extern void (*_Atomic tw__agen_firstiter)(tw_agen *g);
extern void (*_Atomic tw__coro_never_awaited)(tw_coro *co);
void tw__coro_finalize(tw_object *o);
void tw__coro_describe(tw_object *o, FILE *out);
int tw__coro_await(tw_object *o, tw_coro *co);
#line 1025 "chapters/tier1-coroutines.nw"
#endif
