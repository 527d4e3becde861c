#line 889 "chapters/tier1-coroutines.nw"
/* object.c -- counting references to objects of every kind */
#include "tower/object.h"
#include <stddef.h>

#line 897 "chapters/tier1-coroutines.nw"
tw_object *tw__ref(tw_object *o)
{
    if (o != NULL && o->refs > 0)
        o->refs++;
    return o;
}

void tw__unref(tw_object *o)
{
    if (o == NULL || o->refs <= 0 || --o->refs > 0)
        return;
    o->cls->finalize(o);
}
