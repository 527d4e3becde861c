#line 1160 "chapters/tier1-coroutines.nw"
/* error.c -- the error model, allocation, bytes */
#include "tier1.h"
#include <errno.h>
#include <stdarg.h>

#line 1218 "chapters/tier1-coroutines.nw"
tw_bytes *tw_bytes_new(const void *data, size_t len)
{
    tw_bytes *b = tw__alloc(sizeof *b + len + 1);      /* zeroed: the terminator is there */
    b->len = len;
    if (data && len)
        memcpy(b->data, data, len);
    return b;
}

void tw_bytes_free(tw_bytes *b)
{
    free(b);
}
#line 1237 "chapters/tier1-coroutines.nw"
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
    [TW_ERR_FILE_NOT_FOUND] = "FileNotFoundError",
    [TW_ERR_PERMISSION] = "PermissionError",
    [TW_ERR_PROCESS_LOOKUP] = "ProcessLookupError",
    [TW_ERR_CONNECTION] = "ConnectionError",
    [TW_ERR_CONNECTION_RESET] = "ConnectionResetError",
    [TW_ERR_USER] = "Exception",
    [TW_ERR_BROKEN_EXECUTOR] = "BrokenExecutor",
    [TW_ERR_BROKEN_PROCESS_POOL] = "BrokenProcessPool",
    [TW_ERR_QUEUE_EMPTY] = "QueueEmpty",
    [TW_ERR_QUEUE_FULL] = "QueueFull",
    [TW_ERR_BROKEN_BARRIER] = "BrokenBarrierError",
    [TW_ERR_EOF] = "EOFError",
    [TW_ERR_INCOMPLETE_READ] = "IncompleteReadError",
    [TW_ERR_LIMIT_OVERRUN] = "LimitOverrunError",
    [TW_ERR_KEYBOARD_INTERRUPT] = "KeyboardInterrupt",
    [TW_ERR_STOP_ASYNC_ITERATION] = "StopAsyncIteration",
    [TW_ERR_GENERATOR_EXIT] = "GeneratorExit",
};

static const tw_errkind kind_parent[TW_ERR__COUNT] = {
    [TW_ERR_KEY] = TW_ERR_LOOKUP,
    [TW_ERR_ZERO_DIVISION] = TW_ERR_ARITHMETIC,
    [TW_ERR_TIMEOUT] = TW_ERR_OS,
    [TW_ERR_FILE_NOT_FOUND] = TW_ERR_OS,
    [TW_ERR_PERMISSION] = TW_ERR_OS,
    [TW_ERR_PROCESS_LOOKUP] = TW_ERR_OS,
    [TW_ERR_CONNECTION] = TW_ERR_OS,
    [TW_ERR_CONNECTION_RESET] = TW_ERR_CONNECTION,
    [TW_ERR_BROKEN_EXECUTOR] = TW_ERR_RUNTIME,
    [TW_ERR_BROKEN_PROCESS_POOL] = TW_ERR_BROKEN_EXECUTOR,
    [TW_ERR_BROKEN_BARRIER] = TW_ERR_RUNTIME,
    [TW_ERR_INCOMPLETE_READ] = TW_ERR_EOF,
};
#line 1288 "chapters/tier1-coroutines.nw"
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

void tw__error_init(tw_error *e, tw_errkind kind)
{
    tw_object_init(&e->obj, &tw__error_class, TW__SHARED);
    e->kind = kind;
}

static tw_error *error_alloc(tw_errkind kind)
{
    tw_error *e = tw__alloc(sizeof *e);
    tw__error_init(e, kind);
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

static void error_finalize(tw_object *o)
{
    tw_error *e = (tw_error *)o;
    for (size_t i = 0; i < e->count; i++)
        tw_unref(e->items[i]);
    free(e->items);
    if (e->kind == TW_ERR_USER)
        free(e->type);
    free(e->message);
    free(e);
}

static void error_describe(tw_object *o, FILE *out)
{
    tw_error *e = (tw_error *)o;
    fprintf(out, e->message ? "%s('%s')" : "%s()", e->type, e->message);
}

const tw_class tw__error_class = { error_finalize, error_describe, NULL };
#line 1374 "chapters/tier1-coroutines.nw"
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
    tw_unref(e);
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
#line 1434 "chapters/tier1-coroutines.nw"
enum { OS_ERROR, BLOCKING_IO, CHILD_PROCESS, BROKEN_PIPE, CONNECTION_ABORTED,
       CONNECTION_REFUSED, CONNECTION_RESET, FILE_EXISTS, FILE_NOT_FOUND, INTERRUPTED,
       IS_A_DIRECTORY, NOT_A_DIRECTORY, PERMISSION, PROCESS_LOOKUP, TIMEOUT, NCLASSES };

static char os_classes[NCLASSES][24] = {
    "OSError", "BlockingIOError", "ChildProcessError", "BrokenPipeError",
    "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
    "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError",
    "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError",
};

static const struct { int errnum, cls; tw_errkind kind; } errno_classes[] = {
    { EAGAIN, BLOCKING_IO, TW_ERR_OS }, { EALREADY, BLOCKING_IO, TW_ERR_OS },
    { EINPROGRESS, BLOCKING_IO, TW_ERR_OS }, { ECHILD, CHILD_PROCESS, TW_ERR_OS },
    { EPIPE, BROKEN_PIPE, TW_ERR_CONNECTION }, { ESHUTDOWN, BROKEN_PIPE, TW_ERR_CONNECTION },
    { ECONNABORTED, CONNECTION_ABORTED, TW_ERR_CONNECTION },
    { ECONNREFUSED, CONNECTION_REFUSED, TW_ERR_CONNECTION },
    { ECONNRESET, CONNECTION_RESET, TW_ERR_CONNECTION_RESET },
    { EEXIST, FILE_EXISTS, TW_ERR_OS }, { ENOENT, FILE_NOT_FOUND, TW_ERR_FILE_NOT_FOUND },
    { EINTR, INTERRUPTED, TW_ERR_OS }, { EISDIR, IS_A_DIRECTORY, TW_ERR_OS },
    { ENOTDIR, NOT_A_DIRECTORY, TW_ERR_OS }, { EACCES, PERMISSION, TW_ERR_PERMISSION },
    { EPERM, PERMISSION, TW_ERR_PERMISSION }, { ESRCH, PROCESS_LOOKUP, TW_ERR_PROCESS_LOOKUP },
    { ETIMEDOUT, TIMEOUT, TW_ERR_TIMEOUT },
};

struct os_error {
    struct tw_error e;
    int errnum;
    bool has_filename;
    char filename[];
};

static struct os_error *os_error_alloc(int errnum_for_class, const char *filename)
{
    size_t n = filename ? strlen(filename) + 1 : 0;
    struct os_error *oe = tw__alloc(sizeof *oe + n);
    int cls = OS_ERROR;
    tw_errkind kind = TW_ERR_OS;
    for (size_t i = 0; i < sizeof errno_classes / sizeof errno_classes[0]; i++)
        if (errno_classes[i].errnum == errnum_for_class) {
            cls = errno_classes[i].cls;
            kind = errno_classes[i].kind;
            break;
        }
    tw__error_init(&oe->e, kind);
    oe->e.type = os_classes[cls];
    oe->has_filename = filename != NULL;
    if (filename)
        memcpy(oe->filename, filename, n);
    return oe;
}

tw_error *tw__os_error(int errnum_for_class, int errnum, const char *filename,
                       const char *message)
{
    struct os_error *oe = os_error_alloc(errnum_for_class, filename);
    oe->errnum = errnum;
    oe->e.message = tw__strdup(message);
    return &oe->e;
}

tw_error *tw_os_error_new(int errnum, const char *filename)
{
    char buf[128], *message;
    const char *text = strerror_r(errnum, buf, sizeof buf);
    int n = filename ? snprintf(NULL, 0, "[Errno %d] %s: '%s'", errnum, text, filename)
                     : snprintf(NULL, 0, "[Errno %d] %s", errnum, text);
    tw_error *e;
    message = tw__alloc((size_t)n + 1);
    if (filename)
        snprintf(message, (size_t)n + 1, "[Errno %d] %s: '%s'", errnum, text, filename);
    else
        snprintf(message, (size_t)n + 1, "[Errno %d] %s", errnum, text);
    e = tw__os_error(errnum, errnum, filename, message);
    free(message);
    return e;
}
#line 1523 "chapters/tier1-coroutines.nw"
static const struct os_error *os_error_of(const tw_error *e)
{
    for (int i = 0; e && i < NCLASSES; i++)
        if (e->type == os_classes[i])
            return (const struct os_error *)e;
    return NULL;
}

int tw_os_error_errno(const tw_error *e)
{
    const struct os_error *oe = os_error_of(e);
    return oe ? oe->errnum : 0;
}

const char *tw_os_error_filename(const tw_error *e)
{
    const struct os_error *oe = os_error_of(e);
    return oe && oe->has_filename ? oe->filename : NULL;
}

#line 1552 "chapters/tier1-coroutines.nw"
tw_error *tw_error_os(int errnum, const char *fmt, ...)
{
    char body[256], message[272];
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(body, sizeof body, fmt, ap);
        va_end(ap);
    } else
        snprintf(body, sizeof body, "%s", strerror(errnum));
    snprintf(message, sizeof message, "[Errno %d] %s", errnum, body);
    return tw__os_error(errnum, errnum, NULL, message);
}
