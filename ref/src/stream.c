#line 30951 "tower.nw"
/* stream.c -- stream readers (see the book, tier 9) */
#include "private.h"

#line 30977 "tower.nw"
struct stream_error {
    struct tw_error e;
    ptrdiff_t number;         /* expected (-1: None), or consumed */
    size_t len;
    unsigned char data[];     /* partial */
};

static char incomplete_read_type[] = "IncompleteReadError";
static char limit_overrun_type[] = "LimitOverrunError";

static struct stream_error *stream_error_new(tw_errkind kind, char *type, char *message,
                                             const void *data, size_t len, ptrdiff_t number)
{
    struct stream_error *se = tw__alloc(sizeof *se + len);
    se->e.refs = 1;
    se->e.kind = kind;
    se->e.type = type;
    se->e.message = message;
    se->number = number;
    se->len = len;
    if (len)
        memcpy(se->data, data, len);
    return se;
}

tw_error *tw_incomplete_read_error_new(const void *partial, size_t len, ptrdiff_t expected)
{
    char msg[96];
    if (expected < 0)
        snprintf(msg, sizeof msg, "%zu bytes read on a total of undefined expected bytes", len);
    else
        snprintf(msg, sizeof msg, "%zu bytes read on a total of %td expected bytes", len, expected);
    return &stream_error_new(TW_ERR_INCOMPLETE_READ, incomplete_read_type, tw__strdup(msg),
                             partial, len, expected < 0 ? -1 : expected)->e;
}

tw_error *tw_limit_overrun_error_new(const char *message, ptrdiff_t consumed)
{
    return &stream_error_new(TW_ERR_LIMIT_OVERRUN, limit_overrun_type, tw__strdup(message),
                             NULL, 0, consumed)->e;
}

static const struct stream_error *attributes(const tw_error *e, const char *type)
{
    return e != NULL && e->type == type ? (const struct stream_error *)e : NULL;
}

const unsigned char *tw_incomplete_read_partial(const tw_error *e, size_t *len)
{
    const struct stream_error *se = attributes(e, incomplete_read_type);
    if (len)
        *len = se ? se->len : 0;
    return se ? se->data : (const unsigned char *)"";
}

ptrdiff_t tw_incomplete_read_expected(const tw_error *e)
{
    const struct stream_error *se = attributes(e, incomplete_read_type);
    return se ? se->number : -1;
}

ptrdiff_t tw_limit_overrun_consumed(const tw_error *e)
{
    const struct stream_error *se = attributes(e, limit_overrun_type);
    return se ? se->number : 0;
}
#line 31064 "tower.nw"
struct tw_stream_reader {
    int refs;
    tw_loop *loop;
    ptrdiff_t limit;
    unsigned char *buf;
    size_t head, len, cap;
    bool eof, paused;
    tw_future *waiter;        /* the future a read waits on; a reference */
    tw_error *exception;
    const tw_stream_transport_ops *ops;   /* NULL: no transport (or forgotten) */
    void *transport;
};
#line 31087 "tower.nw"
static void buffer_append(tw_stream_reader *r, const void *data, size_t n)
{
    if (r->head + r->len + n > r->cap) {
        if (r->head >= r->len && r->len + n <= r->cap) {
            memmove(r->buf, r->buf + r->head, r->len);
            r->head = 0;
        } else {
            size_t cap = r->cap ? r->cap : 256;
            while (cap < r->head + r->len + n)
                cap *= 2;
            r->buf = tw__realloc(r->buf, cap);
            r->cap = cap;
        }
    }
    memcpy(r->buf + r->head + r->len, data, n);
    r->len += n;
}

static const unsigned char *buffer_data(const tw_stream_reader *r)
{
    return r->buf != NULL ? r->buf + r->head : (const unsigned char *)"";
}

static void buffer_drop(tw_stream_reader *r, size_t n)
{
    r->head += n;
    r->len -= n;
    if (r->len == 0)
        r->head = 0;
}
#line 31125 "tower.nw"
static void maybe_pause_transport(tw_stream_reader *r)
{
    size_t limit = (size_t)r->limit;
    if (r->ops == NULL || r->paused || r->len <= limit || r->len - limit <= limit)
        return;
    if (r->ops->pause_reading == NULL || !r->ops->pause_reading(r->transport)) {
        r->ops = NULL;              /* it cannot pause: buffer everything */
        r->transport = NULL;
    } else
        r->paused = true;
}

static void maybe_resume_transport(tw_stream_reader *r)
{
    if (r->paused && r->len <= (size_t)r->limit) {
        r->paused = false;
        r->ops->resume_reading(r->transport);
    }
}
#line 31151 "tower.nw"
static tw_bytes *take(tw_stream_reader *r, size_t n)
{
    tw_bytes *b = tw_bytes_new(buffer_data(r), n);
    buffer_drop(r, n);
    maybe_resume_transport(r);
    return b;
}

static tw_error *empty_into_error(tw_stream_reader *r, ptrdiff_t expected)
{
    tw_error *e = tw_incomplete_read_error_new(buffer_data(r), r->len, expected);
    buffer_drop(r, r->len);
    return e;
}
#line 31171 "tower.nw"
static void wake_waiter(tw_stream_reader *r, tw_error *e)
{
    tw_future *w = r->waiter;
    if (w == NULL) {
        tw_error_unref(e);
        return;
    }
    r->waiter = NULL;
    if (!tw_future_cancelled(w)) {
        if (e)
            tw_future_set_exception(w, e);
        else
            tw_future_set_result(w, TW_NONE);
    } else
        tw_error_unref(e);
    tw_unref(w);
}

tw_error *tw_stream_reader_new(tw_loop *loop, ptrdiff_t limit, tw_stream_reader **reader)
{
    tw_stream_reader *r;
    *reader = NULL;
    if (loop == NULL && (loop = tw_get_running_loop()) == NULL)
        tw__fatal("tw_stream_reader_new: no loop given and no running event loop");
    if (limit <= 0)
        return tw_error_new(TW_ERR_VALUE, "Limit cannot be <= 0");
    r = tw__alloc(sizeof *r);
    r->refs = 1;
    r->loop = loop;
    r->limit = limit;
    *reader = r;
    return NULL;
}

tw_stream_reader *tw_stream_reader_ref(tw_stream_reader *r)
{
    if (r)
        r->refs++;
    return r;
}

void tw_stream_reader_unref(tw_stream_reader *r)
{
    if (r == NULL || --r->refs > 0)
        return;
    tw_unref(r->waiter);
    tw_error_unref(r->exception);
    free(r->buf);
    free(r);
}

void tw_stream_reader_set_transport(tw_stream_reader *r, const tw_stream_transport_ops *ops,
                                    void *transport)
{
    if (r->ops != NULL)
        tw__fatal("tw_stream_reader_set_transport: Transport already set");
    r->ops = ops;
    r->transport = transport;
}

void tw_stream_reader_feed_data(tw_stream_reader *r, const void *data, size_t len)
{
    if (r->eof)
        tw__fatal("tw_stream_reader_feed_data: feed_data after feed_eof");
    if (len == 0)
        return;
    buffer_append(r, data, len);
    wake_waiter(r, NULL);
    maybe_pause_transport(r);
}

void tw_stream_reader_feed_eof(tw_stream_reader *r)
{
    r->eof = true;
    wake_waiter(r, NULL);
}

void tw_stream_reader_set_exception(tw_stream_reader *r, tw_error *e)
{
    tw_error_unref(r->exception);
    r->exception = e;
    wake_waiter(r, tw_error_ref(e));
}

tw_error *tw_stream_reader_exception(const tw_stream_reader *r) { return r->exception; }
bool tw_stream_reader_at_eof(const tw_stream_reader *r) { return r->eof && r->len == 0; }
size_t tw_stream_reader_buffered(const tw_stream_reader *r) { return r->len; }
#line 31303 "tower.nw"
static tw_error *wait_begin(tw_stream_reader *r, const char *func)
{
    if (r->waiter != NULL)
        return tw_error_new(TW_ERR_RUNTIME,
            "%s() called while another coroutine is already waiting for incoming data", func);
    if (r->eof)
        tw__fatal("tw_stream_reader: _wait_for_data after EOF");
    if (r->paused) {
        r->paused = false;
        r->ops->resume_reading(r->transport);
    }
    r->waiter = tw_future_new(r->loop);
    return NULL;
}

static void wait_end(tw_stream_reader *r)
{
    tw_unref(r->waiter);
    r->waiter = NULL;
}

#define AWAIT_DATA(co, f, func)                                         \
    do {                                                                \
        if (((f)->err = wait_begin((f)->r, (func))) != NULL)            \
            goto failed;                                                \
        (f)->waiting = true;                                            \
        TW_AWAIT_TRY((co), tw_ref((f)->r->waiter));                     \
        (f)->waiting = false;                                           \
        wait_end((f)->r);                                               \
        if (TW_ERROR(co) != NULL) {                                     \
            (f)->err = TW_TAKE_ERROR(co);                               \
            goto failed;                                                \
        }                                                               \
    } while (0)
#define RAISE_STORED_ERROR(f)                                           \
    do {                                                                \
        if ((f)->r->exception != NULL) {                                \
            (f)->err = tw_error_ref((f)->r->exception);                 \
            goto failed;                                                \
        }                                                               \
    } while (0)
#line 31269 "tower.nw"
enum { READ_UNTIL, READ_LINE };

struct read_frame {
    tw_coro co;
    tw_stream_reader *r;
    int mode;                 /* readuntil: READ_UNTIL or READ_LINE */
    bool waiting;             /* suspended in AWAIT_DATA */
    ptrdiff_t n, offset;
    tw_error *err;            /* on its way to the failed: label */
    tw_bytes *all;            /* read(-1): what it has read so far */
    size_t allcap;
    size_t seplen;
    unsigned char sep[];
};

#line 31354 "tower.nw"
static void read_cleanup(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    if (f->waiting && f->r->waiter != NULL && (void *)f->r->waiter == co->held)
        wait_end(f->r);
    tw_error_unref(f->err);
    free(f->all);
    tw_stream_reader_unref(f->r);
}

static tw_step read_fail(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_error *e = f->err;
    f->err = NULL;
    TW_RAISE(co, e);
}
#line 31378 "tower.nw"
static tw_step read_body(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_stream_reader *r = f->r;
    TW_BEGIN(co);
    if (f->n >= 0) {
        RAISE_STORED_ERROR(f);
        if (f->n == 0)
            TW_RETURN(co, TW_PTR(tw_bytes_new(NULL, 0)));
        if (r->len == 0 && !r->eof)
            AWAIT_DATA(co, f, "read");
        TW_RETURN(co, TW_PTR(take(r, r->len < (size_t)f->n ? r->len : (size_t)f->n)));
    }
    
#line 31399 "tower.nw"
    f->all = tw_bytes_new(NULL, 0);
    for (;;) {
        RAISE_STORED_ERROR(f);
        if (r->len == 0 && !r->eof)
            AWAIT_DATA(co, f, "read");
        if (r->len == 0)
            break;
        {
            size_t n = r->len < (size_t)r->limit ? r->len : (size_t)r->limit;
            if (f->all->len + n > f->allcap) {
                f->allcap = 2 * (f->all->len + n);
                f->all = tw__realloc(f->all, sizeof *f->all + f->allcap + 1);
            }
            memcpy(f->all->data + f->all->len, buffer_data(r), n);
            f->all->len += n;
            f->all->data[f->all->len] = 0;
            buffer_drop(r, n);
            maybe_resume_transport(r);
        }
    }
    {
        tw_bytes *b = f->all;
        f->all = NULL;
        TW_RETURN(co, TW_PTR(b));
    }
#line 31392 "tower.nw"
failed:
    return read_fail(co);
    TW_END(co);
}
#line 31431 "tower.nw"
static tw_step readexactly_body(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_stream_reader *r = f->r;
    TW_BEGIN(co);
    if (f->n < 0) {
        f->err = tw_error_new(TW_ERR_VALUE, "readexactly size can not be less than zero");
        goto failed;
    }
    RAISE_STORED_ERROR(f);
    if (f->n == 0)
        TW_RETURN(co, TW_PTR(tw_bytes_new(NULL, 0)));
    while (r->len < (size_t)f->n) {
        if (r->eof) {
            f->err = empty_into_error(r, f->n);
            goto failed;
        }
        AWAIT_DATA(co, f, "readexactly");
    }
    TW_RETURN(co, TW_PTR(take(r, (size_t)f->n)));
failed:
    return read_fail(co);
    TW_END(co);
}
#line 31468 "tower.nw"
static tw_step readuntil_body(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_stream_reader *r = f->r;
    ptrdiff_t isep = -1;
    TW_BEGIN(co);
    if (f->seplen == 0) {
        f->err = tw_error_new(TW_ERR_VALUE, "Separator should be at least one-byte string");
        goto failed;
    }
    RAISE_STORED_ERROR(f);
    f->offset = 0;
    for (;;) {
        ptrdiff_t buflen = (ptrdiff_t)r->len, seplen = (ptrdiff_t)f->seplen;
        if (buflen - f->offset >= seplen) {
            const unsigned char *p = memmem(buffer_data(r) + f->offset, (size_t)(buflen - f->offset),
                                            f->sep, f->seplen);
            if (p != NULL) {
                isep = p - buffer_data(r);
                break;
            }
            f->offset = buflen + 1 - seplen;
            if (f->offset > r->limit) {
                f->err = tw_limit_overrun_error_new(
                    "Separator is not found, and chunk exceed the limit", f->offset);
                goto failed;
            }
        }
        if (r->eof) {
            f->err = empty_into_error(r, -1);
            goto failed;
        }
        AWAIT_DATA(co, f, "readuntil");
    }
    if (isep > r->limit) {
        f->err = tw_limit_overrun_error_new("Separator is found, but chunk is longer than limit",
                                            isep);
        goto failed;
    }
    TW_RETURN(co, TW_PTR(take(r, (size_t)isep + f->seplen)));
failed:
    if (f->mode == READ_LINE) {
        
#line 31526 "tower.nw"
        if (tw_error_kind(f->err) == TW_ERR_INCOMPLETE_READ) {
            size_t len;
            const unsigned char *partial = tw_incomplete_read_partial(f->err, &len);
            tw_bytes *b = tw_bytes_new(partial, len);
            tw_error_unref(f->err);
            f->err = NULL;
            TW_RETURN(co, TW_PTR(b));
        }
        if (tw_error_kind(f->err) == TW_ERR_LIMIT_OVERRUN) {
            ptrdiff_t consumed = tw_limit_overrun_consumed(f->err);
            const char *msg = tw_error_message(f->err);
            tw_error *e = msg ? tw_error_new(TW_ERR_VALUE, "%s", msg) : tw_error_new(TW_ERR_VALUE, NULL);
            if (consumed >= 0 && (size_t)consumed < r->len && buffer_data(r)[consumed] == '\n')
                buffer_drop(r, (size_t)consumed + 1);
            else
                buffer_drop(r, r->len);
            maybe_resume_transport(r);
            tw_error_unref(f->err);
            f->err = e;
        }
#line 31511 "tower.nw"
    }
    return read_fail(co);
    TW_END(co);
}
#line 31551 "tower.nw"
static struct read_frame *read_frame_new(tw_coro_fn body, tw_stream_reader *r, ptrdiff_t n,
                                         const void *sep, size_t seplen)
{
    struct read_frame *f = tw_coro_new(body, sizeof *f + seplen);
    f->r = tw_stream_reader_ref(r);
    f->n = n;
    f->seplen = seplen;
    if (seplen)
        memcpy(f->sep, sep, seplen);
    f->co.cleanup = read_cleanup;
    return f;
}

void *tw_stream_reader_read(tw_stream_reader *r, ptrdiff_t n)
{
    return read_frame_new(read_body, r, n, NULL, 0);
}

void *tw_stream_reader_readexactly(tw_stream_reader *r, ptrdiff_t n)
{
    return read_frame_new(readexactly_body, r, n, NULL, 0);
}

void *tw_stream_reader_readuntil(tw_stream_reader *r, const void *separator, size_t len)
{
    return read_frame_new(readuntil_body, r, 0, separator, len);
}

void *tw_stream_reader_readline(tw_stream_reader *r)
{
    struct read_frame *f = read_frame_new(readuntil_body, r, 0, "\n", 1);
    f->mode = READ_LINE;
    return f;
}
#line 31745 "tower.nw"
struct tw_stream_writer {
    int refs;
    tw_loop *loop;
    const tw_stream_transport_ops *ops;
    void *transport;
    tw_stream_reader *reader;
    bool paused, lost;
    tw_future **waiters;      /* the drains that wait, in order */
    size_t nwaiters, capwaiters;
};

tw_stream_writer *tw_stream_writer_new(tw_loop *loop, const tw_stream_transport_ops *ops,
                                       void *transport, tw_stream_reader *reader)
{
    tw_stream_writer *w;
    if (loop == NULL && (loop = tw_get_running_loop()) == NULL)
        tw__fatal("tw_stream_writer_new: no loop given and no running event loop");
    w = tw__alloc(sizeof *w);
    w->refs = 1;
    w->loop = loop;
    w->ops = ops;
    w->transport = transport;
    w->reader = tw_stream_reader_ref(reader);
    return w;
}

tw_stream_writer *tw_stream_writer_ref(tw_stream_writer *w)
{
    if (w)
        w->refs++;
    return w;
}

void tw_stream_writer_unref(tw_stream_writer *w)
{
    if (w == NULL || --w->refs > 0)
        return;
    tw_stream_reader_unref(w->reader);
    free(w->waiters);
    free(w);
}
#line 31793 "tower.nw"
#define TRANSPORT_METHOD(w, name)                                       \
    ((w)->ops->name != NULL ? (w)->ops->name                           \
     : (tw__fatal("tw_stream_writer: the transport has no " #name "()"), (w)->ops->name))

tw_error *tw_stream_writer_write(tw_stream_writer *w, const void *data, size_t len)
{
    return TRANSPORT_METHOD(w, write)(w->transport, data, len);
}

tw_error *tw_stream_writer_writelines(tw_stream_writer *w, size_t n, const void *const *parts,
                                      const size_t *lens)
{
    size_t total = 0, at = 0;
    unsigned char *joined;
    tw_error *e;
    if (n == 1)
        return tw_stream_writer_write(w, parts[0], lens[0]);
    for (size_t i = 0; i < n; i++)
        total += lens[i];
    joined = tw__alloc(total);
    for (size_t i = 0; i < n; i++) {
        if (lens[i])
            memcpy(joined + at, parts[i], lens[i]);
        at += lens[i];
    }
    e = tw_stream_writer_write(w, joined, total);
    free(joined);
    return e;
}

tw_error *tw_stream_writer_write_eof(tw_stream_writer *w)
{
    return TRANSPORT_METHOD(w, write_eof)(w->transport);
}

bool tw_stream_writer_can_write_eof(tw_stream_writer *w)
{
    return TRANSPORT_METHOD(w, can_write_eof)(w->transport);
}

void tw_stream_writer_close(tw_stream_writer *w)
{
    TRANSPORT_METHOD(w, close)(w->transport);
}

bool tw_stream_writer_is_closing(tw_stream_writer *w)
{
    return TRANSPORT_METHOD(w, is_closing)(w->transport);
}
#line 31850 "tower.nw"
void tw_stream_writer_pause_writing(tw_stream_writer *w)
{
    if (w->paused)
        tw__fatal("tw_stream_writer_pause_writing: already paused");
    w->paused = true;
}

void tw_stream_writer_resume_writing(tw_stream_writer *w)
{
    if (!w->paused)
        tw__fatal("tw_stream_writer_resume_writing: not paused");
    w->paused = false;
    for (size_t i = 0; i < w->nwaiters; i++)
        if (!tw_future_done(w->waiters[i]))
            tw_future_set_result(w->waiters[i], TW_NONE);
}

void tw_stream_writer_connection_lost(tw_stream_writer *w, tw_error *exc)
{
    w->lost = true;
    if (!w->paused)
        return;
    for (size_t i = 0; i < w->nwaiters; i++)
        if (!tw_future_done(w->waiters[i])) {
            if (exc == NULL)
                tw_future_set_result(w->waiters[i], TW_NONE);
            else
                tw_future_set_exception(w->waiters[i], tw_error_ref(exc));
        }
}
#line 31888 "tower.nw"
struct drain_frame {
    tw_coro co;
    tw_stream_writer *w;
    tw_future *waiter;
};

static void drain_forget_waiter(struct drain_frame *f)
{
    tw_stream_writer *w = f->w;
    for (size_t i = 0; i < w->nwaiters; i++)
        if (w->waiters[i] == f->waiter) {
            memmove(w->waiters + i, w->waiters + i + 1, (w->nwaiters - i - 1) * sizeof *w->waiters);
            w->nwaiters--;
            break;
        }
    tw_unref(f->waiter);
    f->waiter = NULL;
}

static void drain_cleanup(tw_coro *co)
{
    struct drain_frame *f = (struct drain_frame *)co;
    if (f->waiter)
        drain_forget_waiter(f);
    tw_stream_writer_unref(f->w);
}

static tw_step drain_body(tw_coro *co)
{
    struct drain_frame *f = (struct drain_frame *)co;
    tw_stream_writer *w = f->w;
    TW_BEGIN(co);
    if (w->reader && tw_stream_reader_exception(w->reader))
        TW_RAISE(co, tw_error_ref(tw_stream_reader_exception(w->reader)));
    if (w->ops->is_closing && w->ops->is_closing(w->transport))
        TW_YIELD(co);
    if (w->lost)
        TW_RAISE(co, tw_error_new(TW_ERR_CONNECTION_RESET, "Connection lost"));
    if (!w->paused)
        TW_RETURN(co, TW_NONE);
    f->waiter = tw_future_new(w->loop);
    if (w->nwaiters == w->capwaiters) {
        w->capwaiters = w->capwaiters ? 2 * w->capwaiters : 4;
        w->waiters = tw__realloc(w->waiters, w->capwaiters * sizeof *w->waiters);
    }
    w->waiters[w->nwaiters++] = f->waiter;
    TW_AWAIT_TRY(co, tw_ref(f->waiter));
    drain_forget_waiter(f);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

void *tw_stream_writer_drain(tw_stream_writer *w)
{
    struct drain_frame *f = tw_coro_new(drain_body, sizeof *f);
    f->w = tw_stream_writer_ref(w);
    f->co.cleanup = drain_cleanup;
    return f;
}
