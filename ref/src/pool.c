#line 1205 "chapters/tier1-coroutines.nw"
/* pool.c -- per-thread free lists of small blocks, in front of malloc */
#include "tier1.h"
#include <malloc.h>

#line 1213 "chapters/tier1-coroutines.nw"
_Thread_local struct tw__pool_block *tw__pool[TW__POOL_CLASSES + 1];
_Thread_local int tw__pool_users;

void *tw__pool_refill(size_t c)
{
    size_t size = TW__POOL_SLACK + c * TW__POOL_GRAIN;       /* comes back to class c */
    void *p = malloc(size);                 /* not zeroed: tw__pool_get's contract */
    if (p == NULL)
        tw__fatal("out of memory (%zu bytes)", size);
    return p;
}

void *tw__pool_alloc(size_t size)
{
    return memset(tw__pool_get(size), 0, size);
}

static size_t class_held(size_t usable)      /* the largest class a block serves */
{
    return usable <= TW__POOL_SLACK ? 0 : (usable - TW__POOL_SLACK) / TW__POOL_GRAIN;
}

void tw__pool_free(void *p)
{
    if (p != NULL)
        tw__pool_give(p, class_held(malloc_usable_size(p)));
}

void tw__pool_use(void)
{
    tw__pool_users++;
}

void tw__pool_unuse(void)
{
    if (--tw__pool_users > 0)
        return;
    tw__pool_users = 0;
    for (size_t c = 0; c <= TW__POOL_CLASSES; c++)
        while (tw__pool[c]) {
            struct tw__pool_block *b = tw__pool[c];
            tw__pool[c] = b->next;
            free(b);
        }
}
