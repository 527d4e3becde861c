#line 825 "chapters/tier2-event-loop.nw"
/* ring.c -- growing the ready queue's ring (tier 2) */
#include <stdlib.h>
#include "ring.h"
#include "tier1.h"

void tw__ring_grow(struct tw__ring *r)
{
    size_t cap = r->cap ? 2 * r->cap : 64;
    struct tw_handle **buf = tw__alloc(cap * sizeof *buf);
    for (size_t i = 0; i < r->len; i++)
        buf[i] = r->buf[(r->head + i) & (r->cap - 1)];
    free(r->buf);
    r->buf = buf;
    r->cap = cap;
    r->head = 0;
}
