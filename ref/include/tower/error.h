#line 383 "chapters/tier1-coroutines.nw"
/* tower/error.h -- the error model, the value word and bytes (see the book, tier 1) */
#ifndef TOWER_ERROR_H
#define TOWER_ERROR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "tower/object.h"

#line 404 "chapters/tier1-coroutines.nw"
typedef union tw_value {
    intptr_t i;
    double d;
    void *p;
    const char *s;
} tw_value;

#define TW_NONE ((tw_value){ .p = NULL })
#define TW_INT(x) ((tw_value){ .i = (intptr_t)(x) })
#define TW_DBL(x) ((tw_value){ .d = (x) })
#define TW_PTR(x) ((tw_value){ .p = (void *)(x) })
#define TW_STR(x) ((tw_value){ .s = (x) })

static inline const char *tw_bool_str(bool b) { return b ? "True" : "False"; }
#line 435 "chapters/tier1-coroutines.nw"
typedef struct tw_bytes {
    size_t len;
    unsigned char data[];
} tw_bytes;

tw_bytes *tw_bytes_new(const void *data, size_t len);
void tw_bytes_free(tw_bytes *b);
#line 458 "chapters/tier1-coroutines.nw"
typedef enum tw_errkind {
    TW_ERR_NONE = 0,
    TW_ERR_CANCELLED,       /* asyncio.CancelledError */
    TW_ERR_TIMEOUT,         /* TimeoutError (asyncio.TimeoutError) */
    TW_ERR_INVALID_STATE,   /* asyncio.InvalidStateError */
    TW_ERR_RUNTIME,         /* RuntimeError */
    TW_ERR_VALUE,           /* ValueError */
    TW_ERR_TYPE,            /* TypeError */
    TW_ERR_LOOKUP,          /* LookupError */
    TW_ERR_KEY,             /* KeyError, a LookupError */
    TW_ERR_ARITHMETIC,      /* ArithmeticError */
    TW_ERR_ZERO_DIVISION,   /* ZeroDivisionError, an ArithmeticError */
    TW_ERR_OS,              /* OSError */
    TW_ERR_NO_MEMORY,       /* MemoryError */
    TW_ERR_GROUP,           /* ExceptionGroup: it holds other errors */
    
#line 546 "chapters/tier1-coroutines.nw"
    TW_ERR_FILE_NOT_FOUND,  /* FileNotFoundError, an OSError */
    TW_ERR_PERMISSION,      /* PermissionError, an OSError */
    TW_ERR_PROCESS_LOOKUP,  /* ProcessLookupError, an OSError */
    TW_ERR_CONNECTION,      /* ConnectionError, an OSError */
    TW_ERR_CONNECTION_RESET,/* ConnectionResetError, a ConnectionError */
#line 474 "chapters/tier1-coroutines.nw"
    
#line 581 "chapters/tier1-coroutines.nw"
    TW_ERR_BROKEN_EXECUTOR, /* concurrent.futures.BrokenExecutor, a RuntimeError */
    TW_ERR_BROKEN_PROCESS_POOL, /* ...process.BrokenProcessPool, a BrokenExecutor */
    TW_ERR_QUEUE_EMPTY,     /* asyncio.QueueEmpty */
    TW_ERR_QUEUE_FULL,      /* asyncio.QueueFull */
    TW_ERR_BROKEN_BARRIER,  /* asyncio.BrokenBarrierError, a RuntimeError */
    TW_ERR_EOF,             /* EOFError */
    TW_ERR_INCOMPLETE_READ, /* asyncio.IncompleteReadError, an EOFError */
    TW_ERR_LIMIT_OVERRUN,   /* asyncio.LimitOverrunError */
    TW_ERR_KEYBOARD_INTERRUPT, /* KeyboardInterrupt: asyncio.run's Ctrl-C */
    TW_ERR_STOP_ASYNC_ITERATION, /* StopAsyncIteration: a generator has ended */
    TW_ERR_GENERATOR_EXIT,  /* GeneratorExit: aclose() closing a generator */
#line 475 "chapters/tier1-coroutines.nw"
    TW_ERR_USER,            /* any other class, named when made */
    TW_ERR__COUNT
} tw_errkind;

typedef struct tw_error tw_error;
#line 483 "chapters/tier1-coroutines.nw"
tw_error *tw_error_new(tw_errkind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
tw_error *tw_error_user(const char *type, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
tw_error *tw_error_group(const char *message, size_t n, tw_error **items);

tw_errkind tw_error_kind(const tw_error *e);
bool tw_error_is(const tw_error *e, tw_errkind kind);
const char *tw_error_type(const tw_error *e);
const char *tw_error_message(const tw_error *e);
const char *tw_error_str(const tw_error *e);
size_t tw_error_count(const tw_error *e);
tw_error *tw_error_item(const tw_error *e, size_t i);
void tw_error_print(FILE *out, const tw_error *e);
int tw_report_uncaught(tw_error *e);
#line 595 "chapters/tier1-coroutines.nw"
tw_error *tw_os_error_new(int errnum, const char *filename);
tw_error *tw_error_os(int errnum, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int tw_os_error_errno(const tw_error *e);
const char *tw_os_error_filename(const tw_error *e);
#line 397 "chapters/tier1-coroutines.nw"
#endif
