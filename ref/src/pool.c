#line 1689 "chapters/tier1-coroutines.nw"
/* pool.c -- allocation that cannot fail, and per-thread slabs of small
   blocks of exact sizes */
#include "pool.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#line 1173 "chapters/tier1-coroutines.nw"
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
#line 1757 "chapters/tier1-coroutines.nw"
static void slab_new(struct tw__pool_home *h, size_t c)
{
    size_t size = TW__POOL_SLAB;
    char *m = mmap(NULL, 2 * size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *base;
    struct tw__pool_slab *s;
    if (m == MAP_FAILED)
        tw__fatal("out of memory (a slab of %zu bytes)", size);
    base = (char *)(((uintptr_t)m + size - 1) & ~(uintptr_t)(size - 1));
    if (base > m)
        munmap(m, (size_t)(base - m));
    if (base + size < m + 2 * size)
        munmap(base + size, (size_t)(m + 2 * size - (base + size)));
#ifdef MADV_POPULATE_WRITE
    (void)madvise(base, size, MADV_POPULATE_WRITE);     /* a kernel without it faults */
#endif
    s = (struct tw__pool_slab *)(void *)base;
    s->home = h;
    s->next = h->slabs;
    h->slabs = s;
    h->bump[c] = base + TW__POOL_SLAB_HEADER;
    h->end[c] = base + size;
}

void *tw__pool_carve(struct tw__pool_home *h, size_t c)
{
    size_t size = (c + 1) * TW__POOL_GRAIN;
    char *at;
    if (h->bump[c] == NULL || (size_t)(h->end[c] - h->bump[c]) < size)
        slab_new(h, c);
    at = h->bump[c];
    h->bump[c] = at + size;
    return at;
}

static void slabs_release(struct tw__pool_home *h)
{
    while (h->slabs) {
        struct tw__pool_slab *s = h->slabs;
        h->slabs = s->next;
        munmap(s, TW__POOL_SLAB);
    }
    memset(h->free, 0, sizeof h->free);
    memset(h->bump, 0, sizeof h->bump);
    memset(h->end, 0, sizeof h->end);
    h->live = h->foreign = 0;
}
#line 1813 "chapters/tier1-coroutines.nw"
_Thread_local struct tw__pool_home *tw__pool_home;
_Thread_local struct tw__pool_home *tw__pool_fast;

static bool release_if_all_back(struct tw__pool_home *h)
{
    if (h->users > 0 || h->live != h->foreign)
        return false;
    slabs_release(h);
    return true;
}

static void home_free(struct tw__pool_home *h)
{
    pthread_mutex_destroy(&h->lock);
    free(h);
}

static void home_forget(void);

void tw__pool_give_slow(void *p, size_t c)
{
    struct tw__pool_slab *s = (struct tw__pool_slab *)((uintptr_t)p & ~(uintptr_t)(TW__POOL_SLAB - 1));
    struct tw__pool_home *h = s->home;
    bool mine = h == tw__pool_home, gone;
    pthread_mutex_lock(&h->lock);
    if (mine) {                         /* its own thread, which runs no loop */
        struct tw__pool_block *b = p;
        b->next = h->free[c];
        h->free[c] = b;
        h->live--;
    } else
        h->foreign++;                   /* stays in its slab until the slab goes */
    gone = release_if_all_back(h) && (mine || h->orphan);
    pthread_mutex_unlock(&h->lock);
    if (gone) {
        if (mine)
            home_forget();
        home_free(h);
    }
}
#line 1943 "chapters/tier1-coroutines.nw"
bool tw__pool_turned_off(void)
{
    const char *v = getenv("TOWER_POOL");
    if (v == NULL || strcmp(v, "on") == 0)
        return false;
    if (strcmp(v, "off") != 0)
        tw__fatal("TOWER_POOL must be \"on\" or \"off\", not \"%s\"", v);
    return true;
}
#line 1864 "chapters/tier1-coroutines.nw"
static pthread_key_t home_key;
static pthread_once_t home_key_once = PTHREAD_ONCE_INIT;

static void home_thread_ended(void *v)
{
    struct tw__pool_home *h = v;
    bool gone;
    pthread_mutex_lock(&h->lock);
    gone = release_if_all_back(h);
    h->orphan = true;
    pthread_mutex_unlock(&h->lock);
    if (gone)
        home_free(h);
}

static void home_key_make(void)
{
    if (pthread_key_create(&home_key, home_thread_ended) != 0)
        tw__fatal("pthread_key_create failed");
}

void tw__pool_use(void)
{
    struct tw__pool_home *h = tw__pool_home;
    if (tw__pool_turned_off() || !TW__POOL_ON)
        return;                         /* every block is malloc's */
    if (h == NULL) {
        pthread_once(&home_key_once, home_key_make);
        h = tw__alloc(sizeof *h);
        pthread_mutex_init(&h->lock, NULL);
        pthread_setspecific(home_key, h);
        tw__pool_home = h;
    }
    pthread_mutex_lock(&h->lock);
    h->users++;
    pthread_mutex_unlock(&h->lock);
    tw__pool_fast = h;
}

void tw__pool_unuse(void)
{
    struct tw__pool_home *h = tw__pool_home;
    bool gone;
    if (h == NULL)                      /* the pool is turned off */
        return;
    pthread_mutex_lock(&h->lock);
    if (--h->users == 0)
        tw__pool_fast = NULL;
    gone = h->users == 0 && release_if_all_back(h);
    pthread_mutex_unlock(&h->lock);
    if (gone) {
        home_forget();
        home_free(h);
    }
}

static void home_forget(void)
{
    pthread_setspecific(home_key, NULL);
    tw__pool_home = NULL;
}
