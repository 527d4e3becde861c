#line 1064 "chapters/tier1-coroutines.nw"
/* object.c -- counting references to objects of every kind */
#include "tower/object.h"
#include <stddef.h>

#line 1085 "chapters/tier1-coroutines.nw"
static _Bool shared(const tw_object *o)
{
    return (o->kind & TW__SHARED) != 0;
}

tw_object *tw__ref(tw_object *o)
{
    if (o == NULL)
        return o;
    if (shared(o)) {
        if (__atomic_load_n(&o->refs, __ATOMIC_RELAXED) > 0)
            __atomic_fetch_add(&o->refs, 1, __ATOMIC_RELAXED);
    } else if (o->refs > 0) {
        o->refs++;
    }
    return o;
}

void tw__unref(tw_object *o)
{
    if (o == NULL)
        return;
    if (shared(o)) {
        if (__atomic_load_n(&o->refs, __ATOMIC_RELAXED) <= 0
            || __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) > 0)
            return;
    } else if (o->refs <= 0 || --o->refs > 0) {
        return;
    }
    o->cls->finalize(o);
}
