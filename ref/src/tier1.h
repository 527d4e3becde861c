#line 1010 "chapters/tier1-coroutines.nw"
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

#line 1034 "chapters/tier1-coroutines.nw"
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
#line 1968 "chapters/tier1-coroutines.nw"
static inline size_t tw__pool_class(size_t size)
{
    return size <= TW__POOL_GRAIN ? 0 : (size - 1) / TW__POOL_GRAIN;
}

static inline void *tw__pool_get(size_t size, unsigned *cls)
{
    size_t c = tw__pool_class(size);
    struct tw__pool_home *h = tw__pool_fast;
    struct tw__pool_block *b;
    if (!TW__POOL_ON || c > TW__POOL_CLASSES || h == NULL) {
        void *p = malloc(size);         /* not zeroed: the contract above */
        if (p == NULL)
            tw__fatal("out of memory (%zu bytes)", size);
        *cls = TW__POOL_MALLOCED;
        return p;
    }
    *cls = (unsigned)c;
    h->live++;
    if ((b = h->free[c]) != NULL) {
        h->free[c] = b->next;
        return b;
    }
    if ((uintptr_t)h->end[c] - (uintptr_t)h->bump[c] >= (c + 1) * TW__POOL_GRAIN) {
        void *p = h->bump[c];           /* the slab's next block */
        h->bump[c] += (c + 1) * TW__POOL_GRAIN;
        return p;
    }
    return tw__pool_carve(h, c);
}

static inline void *tw__pool_alloc(size_t size, unsigned *cls)
{
    return memset(tw__pool_get(size, cls), 0, size);
}

static inline void tw__pool_give(void *p, size_t c)
{
    struct tw__pool_home *h = tw__pool_fast;
    struct tw__pool_block *b = p;
    if (c > TW__POOL_CLASSES) {
        free(p);
        return;
    }
    if (h == NULL
        || ((struct tw__pool_slab *)((uintptr_t)p & ~(uintptr_t)(TW__POOL_SLAB - 1)))->home != h) {
        tw__pool_give_slow(p, c);
        return;
    }
    h->live--;
    b->next = h->free[c];
    h->free[c] = b;
}
#line 2249 "chapters/tier1-coroutines.nw"
struct tw_task;
extern _Thread_local struct tw_task *tw__task_running;  /* whose step runs now */
extern void (*_Atomic tw__agen_firstiter)(tw_agen *g);
extern void (*_Atomic tw__coro_never_awaited)(tw_coro *co);
void tw__coro_finalize(tw_object *o);
void tw__coro_describe(tw_object *o, FILE *out);
int tw__coro_await(tw_object *o, tw_coro *co);
#line 1026 "chapters/tier1-coroutines.nw"
#endif
