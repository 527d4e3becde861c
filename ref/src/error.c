#line 512 "chapters/tier1-coroutines.nw"
/* error.c -- the error model */
#include "private.h"
#include <stdarg.h>

#line 523 "chapters/tier1-coroutines.nw"
void tw__fatal(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("tower: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
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
#line 606 "chapters/tier1-coroutines.nw"
#include <malloc.h>

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
#line 725 "chapters/tier1-coroutines.nw"
static const char *const kind_names[TW_ERR__COUNT] = {
    [TW_ERR_NONE] = "NoError",
    [TW_ERR_CANCELLED] = "CancelledError",
    [TW_ERR_TIMEOUT] = "TimeoutError",
    [TW_ERR_INVALID_STATE] = "InvalidStateError",
    [TW_ERR_RUNTIME] = "RuntimeError",
    [TW_ERR_VALUE] = "ValueError",
    [TW_ERR_TYPE] = "TypeError",
    [TW_ERR_LOOKUP] = "LookupError",
    [TW_ERR_KEY] = "KeyError",
    [TW_ERR_ARITHMETIC] = "ArithmeticError",
    [TW_ERR_ZERO_DIVISION] = "ZeroDivisionError",
    [TW_ERR_OS] = "OSError",
    [TW_ERR_NO_MEMORY] = "MemoryError",
    [TW_ERR_GROUP] = "ExceptionGroup",
    [TW_ERR_USER] = "Exception",
    
#line 2372 "chapters/tier5-executors.nw"
    [TW_ERR_FILE_NOT_FOUND] = "FileNotFoundError",
    [TW_ERR_PERMISSION] = "PermissionError",
    [TW_ERR_PROCESS_LOOKUP] = "ProcessLookupError",
    [TW_ERR_CONNECTION] = "ConnectionError",
    [TW_ERR_CONNECTION_RESET] = "ConnectionResetError",
    [TW_ERR_BROKEN_EXECUTOR] = "BrokenExecutor",
    [TW_ERR_BROKEN_PROCESS_POOL] = "BrokenProcessPool",
#line 255 "chapters/tier6-queues.nw"
    [TW_ERR_QUEUE_EMPTY] = "QueueEmpty",
    [TW_ERR_QUEUE_FULL] = "QueueFull",
    [TW_ERR_BROKEN_BARRIER] = "BrokenBarrierError",
#line 689 "chapters/tier9-streams.nw"
    [TW_ERR_EOF] = "EOFError",
    [TW_ERR_INCOMPLETE_READ] = "IncompleteReadError",
    [TW_ERR_LIMIT_OVERRUN] = "LimitOverrunError",
#line 742 "chapters/tier1-coroutines.nw"
};

static const tw_errkind kind_parent[TW_ERR__COUNT] = {
    [TW_ERR_KEY] = TW_ERR_LOOKUP,
    [TW_ERR_ZERO_DIVISION] = TW_ERR_ARITHMETIC,
    [TW_ERR_TIMEOUT] = TW_ERR_OS,
    
#line 2381 "chapters/tier5-executors.nw"
    [TW_ERR_FILE_NOT_FOUND] = TW_ERR_OS,
    [TW_ERR_PERMISSION] = TW_ERR_OS,
    [TW_ERR_PROCESS_LOOKUP] = TW_ERR_OS,
    [TW_ERR_CONNECTION] = TW_ERR_OS,
    [TW_ERR_CONNECTION_RESET] = TW_ERR_CONNECTION,
    [TW_ERR_BROKEN_EXECUTOR] = TW_ERR_RUNTIME,
    [TW_ERR_BROKEN_PROCESS_POOL] = TW_ERR_BROKEN_EXECUTOR,
#line 261 "chapters/tier6-queues.nw"
    [TW_ERR_BROKEN_BARRIER] = TW_ERR_RUNTIME,
#line 694 "chapters/tier9-streams.nw"
    [TW_ERR_INCOMPLETE_READ] = TW_ERR_EOF,
#line 749 "chapters/tier1-coroutines.nw"
};
#line 753 "chapters/tier1-coroutines.nw"
static char *format_message(const char *fmt, va_list ap)
{
    va_list copy;
    int n;
    char *s;
    if (fmt == NULL)
        return NULL;
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    s = tw__alloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static tw_error *error_alloc(tw_errkind kind)
{
    tw_error *e = tw__alloc(sizeof *e);
    e->refs = 1;
    e->kind = kind;
    e->type = (char *)kind_names[kind];
    return e;
}

tw_error *tw_error_new(tw_errkind kind, const char *fmt, ...)
{
    va_list ap;
    tw_error *e;
    if (kind <= TW_ERR_NONE || kind >= TW_ERR__COUNT || kind == TW_ERR_USER)
        tw__fatal("tw_error_new: bad kind %d", (int)kind);
    e = error_alloc(kind);
    va_start(ap, fmt);
    e->message = format_message(fmt, ap);
    va_end(ap);
    return e;
}

tw_error *tw_error_user(const char *type, const char *fmt, ...)
{
    va_list ap;
    tw_error *e = error_alloc(TW_ERR_USER);
    e->type = tw__strdup(type ? type : "Exception");
    va_start(ap, fmt);
    e->message = format_message(fmt, ap);
    va_end(ap);
    return e;
}

tw_error *tw_error_group(const char *message, size_t n, tw_error **items)
{
    tw_error *e = error_alloc(TW_ERR_GROUP);
    e->message = tw__strdup(message);
    e->count = n;
    e->items = tw__alloc(n * sizeof *items);
    if (n)
        memcpy(e->items, items, n * sizeof *items);
    return e;
}

tw_error *tw_error_ref(tw_error *e)
{
    if (e != NULL && e->refs > 0)
        e->refs++;
    return e;
}

void tw_error_unref(tw_error *e)
{
    if (e == NULL || e->refs < 0 || --e->refs > 0)
        return;
    for (size_t i = 0; i < e->count; i++)
        tw_error_unref(e->items[i]);
    free(e->items);
    if (e->kind == TW_ERR_USER)
        free(e->type);
    free(e->message);
    free(e);
}
#line 834 "chapters/tier1-coroutines.nw"
tw_errkind tw_error_kind(const tw_error *e) { return e ? e->kind : TW_ERR_NONE; }
const char *tw_error_type(const tw_error *e) { return e ? e->type : "NoError"; }
const char *tw_error_message(const tw_error *e) { return e ? e->message : NULL; }
const char *tw_error_str(const tw_error *e) { return e && e->message ? e->message : ""; }
size_t tw_error_count(const tw_error *e) { return e ? e->count : 0; }
tw_error *tw_error_item(const tw_error *e, size_t i) { return e->items[i]; }

bool tw_error_is(const tw_error *e, tw_errkind kind)
{
    if (e == NULL)
        return false;
    for (tw_errkind k = e->kind; k != TW_ERR_NONE; k = kind_parent[k])
        if (k == kind)
            return true;
    return false;
}

int tw_report_uncaught(tw_error *e)
{
    if (e == NULL)
        return 0;
    fflush(stdout);
    fputs("Traceback (most recent call last):\n  (C edition)\n", stderr);
    tw_error_print(stderr, e);
    tw_error_unref(e);
    return 1;
}

void tw_error_print(FILE *out, const tw_error *e)
{
    if (e == NULL)
        return;
    if (e->kind == TW_ERR_GROUP)
        fprintf(out, "%s: %s (%zu sub-exception%s)\n", e->type, tw_error_str(e),
                e->count, e->count == 1 ? "" : "s");
    else if (e->message)
        fprintf(out, "%s: %s\n", e->type, e->message);
    else
        fprintf(out, "%s\n", e->type);
    for (size_t i = 0; i < e->count; i++) {
        fprintf(out, "  +- ");
        tw_error_print(out, e->items[i]);
    }
}
