#line 708 "chapters/tier1-tests.nw"
/* described.h -- what an object's class says of it, as a string (unit tests of every tier) */
#ifndef TOWER_TESTS_DESCRIBED_H
#define TOWER_TESTS_DESCRIBED_H
#include "tower/object.h"
#include <stdio.h>
#include <stdlib.h>

/* The object's description; the caller frees it. */
static inline char *described(tw_object *o)
{
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);
    o->cls->describe(o, out);
    fclose(out);
    return text;
}
#endif
