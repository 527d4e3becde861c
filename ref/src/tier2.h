#line 560 "chapters/tier2-event-loop.nw"
/* tier2.h -- what tier 2 (the event loop) offers the tiers above; not installed. */
#ifndef TOWER_TIER2_H
#define TOWER_TIER2_H
#include "loop.h"

#line 1594 "chapters/tier2-event-loop.nw"
static inline void *tw__loop_state(tw_loop *L, tw__loop_key *key, size_t size,
                                   tw__state_release_fn release)
{
    size_t i = atomic_load_explicit(&key->index, memory_order_relaxed);
    if (i < L->nstates && L->states[i].state != NULL)
        return L->states[i].state;
    return tw__loop_state_make(L, key, size, release);
}
#line 566 "chapters/tier2-event-loop.nw"
#endif
