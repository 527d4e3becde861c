#line 809 "chapters/tier2-event-loop.nw"
/* ring.h -- the ready queue's ring of handles (tier 2); not installed. */
#ifndef TOWER_RING_H
#define TOWER_RING_H
#include <stddef.h>

struct tw_handle;
struct tw__ring { struct tw_handle **buf; size_t head, len, cap; };

void tw__ring_grow(struct tw__ring *r);
#endif
