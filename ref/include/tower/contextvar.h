#line 465 "chapters/tier4-tasks.nw"
/* tower/contextvar.h -- context variables: Python's contextvars
   (see the book, tier 4) */
#ifndef TOWER_CONTEXTVAR_H
#define TOWER_CONTEXTVAR_H
#include "tower/error.h"

#line 476 "chapters/tier4-tasks.nw"
typedef struct tw_contextvar {
    const char *name;
    tw_value default_value;
} tw_contextvar;

#define TW_CONTEXTVAR(name, default_value) { (name), (default_value) }

tw_value tw_contextvar_get(const tw_contextvar *var);
void tw_contextvar_set(const tw_contextvar *var, tw_value value);

typedef struct tw_ctx tw_ctx;
tw_ctx *tw_copy_context(void);
tw_value tw_ctx_get(const tw_ctx *ctx, const tw_contextvar *var);

#define TW__KINDS_CONTEXTS(F, x) F(tw_ctx, x)
#undef TW__KINDS_4
#define TW__KINDS_4(F, x) TW__KINDS_CONTEXTS(F, x)
#line 472 "chapters/tier4-tasks.nw"
#endif
