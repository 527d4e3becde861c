#line 1652 "chapters/tier1-coroutines.nw"
/* pool.c -- allocation that cannot fail, and per-thread free lists of
   small blocks in front of malloc */
#include "pool.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#line 1172 "chapters/tier1-coroutines.nw"
void tw__fatal(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("tower: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    tw__abort();
}

void *tw__alloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (p == NULL)
        tw__fatal("out of memory (%zu bytes)", size);
    return p;
}

void *tw__realloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (p == NULL)
        tw__fatal("out of memory (%zu bytes)", size);
    return p;
}

char *tw__strdup(const char *s)
{
    size_t n;
    char *d;
    if (s == NULL)
        return NULL;
    n = strlen(s) + 1;
    d = tw__alloc(n);
    memcpy(d, s, n);
    return d;
}
#line 1665 "chapters/tier1-coroutines.nw"
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
