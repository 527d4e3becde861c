#line 804 "chapters/tier9-streams.nw"
/* stream.c -- streams: readers, writers, the stream protocol (see the book, tier 9) */
#include "tier9.h"

#line 835 "chapters/tier9-streams.nw"
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
    tw__error_init(&se->e, kind);
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
#line 912 "chapters/tier9-streams.nw"
struct tw_stream_reader {
    tw_object obj;
    tw_loop *loop;
    ptrdiff_t limit;
    unsigned char *buf;
    size_t head, len, cap;
    bool eof, paused;
    tw_future *waiter;        /* the future a read waits on; a reference */
    tw_error *exception;
    tw_transport *transport;  /* borrowed; NULL: none (or forgotten, or detached) */
};
#line 934 "chapters/tier9-streams.nw"
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
#line 974 "chapters/tier9-streams.nw"
static void maybe_pause_transport(tw_stream_reader *r)
{
    size_t limit = (size_t)r->limit;
    if (r->transport == NULL || r->paused || r->len <= limit || r->len - limit <= limit)
        return;
    if (r->transport->cls->pause_reading == NULL)
        r->transport = NULL;        /* NotImplementedError: buffer everything */
    else {
        tw_transport_pause_reading(r->transport);
        r->paused = true;
    }
}

static void maybe_resume_transport(tw_stream_reader *r)
{
    if (r->paused && r->len <= (size_t)r->limit) {
        r->paused = false;
        tw_transport_resume_reading(r->transport);
    }
}
#line 1001 "chapters/tier9-streams.nw"
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
#line 1021 "chapters/tier9-streams.nw"
static void wake_waiter(tw_stream_reader *r, tw_error *e)
{
    tw_future *w = r->waiter;
    if (w == NULL) {
        tw_unref(e);
        return;
    }
    r->waiter = NULL;
    if (!tw_future_cancelled(w)) {
        if (e)
            tw_future_set_exception(w, e);
        else
            tw_future_set_result(w, TW_NONE);
    } else
        tw_unref(e);
    tw_unref(w);
}

static void reader_finalize(tw_object *o)
{
    tw_stream_reader *r = (tw_stream_reader *)o;
    tw_unref(r->waiter);
    tw_unref(r->exception);
    free(r->buf);
    free(r);
}

static void reader_describe(tw_object *o, FILE *out)
{
    tw_stream_reader *r = (tw_stream_reader *)o;
    fprintf(out, "<StreamReader%s%s>", r->eof ? " eof" : "", r->len ? " buffered" : "");
}

static const tw_class reader_object_class = { reader_finalize, reader_describe, NULL };

tw_error *tw_stream_reader_new(tw_loop *loop, ptrdiff_t limit, tw_stream_reader **reader)
{
    tw_stream_reader *r;
    *reader = NULL;
    if (loop == NULL && (loop = tw_get_running_loop()) == NULL)
        tw__fatal("tw_stream_reader_new: no loop given and no running event loop");
    if (limit <= 0)
        return tw_error_new(TW_ERR_VALUE, "Limit cannot be <= 0");
    r = tw__alloc(sizeof *r);
    tw_object_init(&r->obj, &reader_object_class, TW_KIND_OBJECT);
    r->loop = loop;
    r->limit = limit;
    *reader = r;
    return NULL;
}


void tw_stream_reader_set_transport(tw_stream_reader *r, tw_transport *transport)
{
    if (r->transport != NULL)
        tw__fatal("tw_stream_reader_set_transport: Transport already set");
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
    tw_unref(r->exception);
    r->exception = e;
    wake_waiter(r, tw_ref(e));
}

tw_error *tw_stream_reader_exception(const tw_stream_reader *r) { return r->exception; }
bool tw_stream_reader_at_eof(const tw_stream_reader *r) { return r->eof && r->len == 0; }
size_t tw_stream_reader_buffered(const tw_stream_reader *r) { return r->len; }
#line 1152 "chapters/tier9-streams.nw"
static tw_error *wait_begin(tw_stream_reader *r, const char *func)
{
    if (r->waiter != NULL)
        return tw_error_new(TW_ERR_RUNTIME,
            "%s() called while another coroutine is already waiting for incoming data", func);
    if (r->eof)
        tw__fatal("tw_stream_reader: _wait_for_data after EOF");
    if (r->paused) {
        r->paused = false;
        tw_transport_resume_reading(r->transport);
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
            (f)->err = tw_ref((f)->r->exception);                 \
            goto failed;                                                \
        }                                                               \
    } while (0)
#line 1118 "chapters/tier9-streams.nw"
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

#line 1203 "chapters/tier9-streams.nw"
static void read_cleanup(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    if (f->waiting && f->r->waiter != NULL && (void *)f->r->waiter == co->held)
        wait_end(f->r);
    tw_unref(f->err);
    free(f->all);
    tw_unref(f->r);
}

static tw_step read_fail(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_error *e = f->err;
    f->err = NULL;
    TW_RAISE(co, e);
}
#line 1227 "chapters/tier9-streams.nw"
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
    
#line 1248 "chapters/tier9-streams.nw"
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
#line 1241 "chapters/tier9-streams.nw"
failed:
    return read_fail(co);
    TW_END(co);
}
#line 1280 "chapters/tier9-streams.nw"
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
#line 1317 "chapters/tier9-streams.nw"
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
        
#line 1375 "chapters/tier9-streams.nw"
        if (tw_error_kind(f->err) == TW_ERR_INCOMPLETE_READ) {
            size_t len;
            const unsigned char *partial = tw_incomplete_read_partial(f->err, &len);
            tw_bytes *b = tw_bytes_new(partial, len);
            tw_unref(f->err);
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
            tw_unref(f->err);
            f->err = e;
        }
#line 1360 "chapters/tier9-streams.nw"
    }
    return read_fail(co);
    TW_END(co);
}
#line 1400 "chapters/tier9-streams.nw"
static struct read_frame *read_frame_new(tw_coro_fn body, tw_stream_reader *r, ptrdiff_t n,
                                         const void *sep, size_t seplen)
{
    struct read_frame *f = tw_coro_new(body, sizeof *f + seplen);
    f->r = tw_ref(r);
    f->n = n;
    f->seplen = seplen;
    if (seplen)
        memcpy(f->sep, sep, seplen);
    f->co.cleanup = read_cleanup;
    return f;
}

tw_coro *tw_stream_reader_read(tw_stream_reader *r, ptrdiff_t n)
{
    return &read_frame_new(read_body, r, n, NULL, 0)->co;
}

tw_coro *tw_stream_reader_readexactly(tw_stream_reader *r, ptrdiff_t n)
{
    return &read_frame_new(readexactly_body, r, n, NULL, 0)->co;
}

tw_coro *tw_stream_reader_readuntil(tw_stream_reader *r, const void *separator, size_t len)
{
    return &read_frame_new(readuntil_body, r, 0, separator, len)->co;
}

tw_coro *tw_stream_reader_readline(tw_stream_reader *r)
{
    struct read_frame *f = read_frame_new(readuntil_body, r, 0, "\n", 1);
    f->mode = READ_LINE;
    return &f->co;
}
#line 1451 "chapters/tier9-streams.nw"
struct stream_protocol {
    tw_protocol base;
    tw_loop *loop;
    tw_stream_reader *reader;     /* a reference, until the connection is lost */
    tw_transport *transport;      /* borrowed, from connection_made to connection_lost */
    tw_stream_handler handler;
    void *arg;
    bool paused, lost;            /* FlowControlMixin's _paused and _connection_lost */
    tw_future **waiters;          /* the drains that wait, in order; theirs */
    size_t nwaiters, capwaiters;
    tw_future *closed;            /* what wait_closed awaits */
};

static const tw_protocol_class stream_protocol_class;

static struct stream_protocol *stream_protocol_of(tw_protocol *p, const char *caller)
{
    if (p == NULL || p->cls != &stream_protocol_class)
        tw__fatal("%s: the protocol was not made by tw_stream_protocol_new", caller);
    return (struct stream_protocol *)(void *)p;
}
#line 1500 "chapters/tier9-streams.nw"
void tw__stream_reader_detach(tw_stream_reader *r)
{
    if (r == NULL)
        return;
    r->transport = NULL;
    r->paused = false;
}

static void let_go_of_the_reader(struct stream_protocol *sp)
{
    if (sp->reader == NULL)
        return;
    tw__stream_reader_detach(sp->reader);
    tw_unref(sp->reader);
    sp->reader = NULL;
}
#line 1525 "chapters/tier9-streams.nw"
struct tw_stream_writer {
    tw_object obj;
    tw_transport *transport;
    struct stream_protocol *protocol;
    tw_stream_reader *reader;
};

static void writer_finalize(tw_object *o)
{
    tw_stream_writer *w = (tw_stream_writer *)o;
    tw_unref(w->reader);
    tw_unref(&w->protocol->base);
    tw_unref(w->transport);
    free(w);
}

static void writer_describe(tw_object *o, FILE *out)
{
    tw_stream_writer *w = (tw_stream_writer *)o;
    fprintf(out, "<StreamWriter transport=");
    w->transport->obj.cls->describe(&w->transport->obj, out);
    fputc('>', out);
}

static const tw_class writer_object_class = { writer_finalize, writer_describe, NULL };

tw_stream_writer *tw_stream_writer_new(tw_transport *transport, tw_protocol *protocol,
                                       tw_stream_reader *reader)
{
    tw_stream_writer *w;
    struct stream_protocol *sp = stream_protocol_of(protocol, "tw_stream_writer_new");
    w = tw__alloc(sizeof *w);
    tw_object_init(&w->obj, &writer_object_class, TW_KIND_OBJECT);
    w->transport = tw_ref(transport);
    w->protocol = sp;
    tw_ref(&sp->base);
    w->reader = tw_ref(reader);
    return w;
}


tw_transport *tw_stream_writer_transport(const tw_stream_writer *w) { return w->transport; }

tw_error *tw_stream_writer_write(tw_stream_writer *w, const void *data, size_t len)
{
    return tw_transport_write(w->transport, data, len);
}

tw_error *tw_stream_writer_writelines(tw_stream_writer *w, const struct iovec *iov, size_t n)
{
    return tw_transport_writelines(w->transport, iov, n);
}

tw_error *tw_stream_writer_write_eof(tw_stream_writer *w)
{
    return tw_transport_write_eof(w->transport);
}

bool tw_stream_writer_can_write_eof(tw_stream_writer *w)
{
    return tw_transport_can_write_eof(w->transport);
}

void tw_stream_writer_close(tw_stream_writer *w) { tw_transport_close(w->transport); }
bool tw_stream_writer_is_closing(tw_stream_writer *w) { return tw_transport_is_closing(w->transport); }

tw_value tw_stream_writer_get_extra_info(tw_stream_writer *w, const char *name, tw_value dflt)
{
    return tw_transport_get_extra_info(w->transport, name, dflt);
}
#line 1605 "chapters/tier9-streams.nw"
struct drain_frame {
    tw_coro co;
    tw_stream_writer *w;
    tw_future *waiter;
};

static void drain_forget_waiter(struct drain_frame *f)
{
    struct stream_protocol *sp = f->w->protocol;
    for (size_t i = 0; i < sp->nwaiters; i++)
        if (sp->waiters[i] == f->waiter) {
            memmove(sp->waiters + i, sp->waiters + i + 1,
                    (sp->nwaiters - i - 1) * sizeof *sp->waiters);
            sp->nwaiters--;
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
    tw_unref(f->w);
}

static tw_step drain_body(tw_coro *co)
{
    struct drain_frame *f = (struct drain_frame *)co;
    tw_stream_writer *w = f->w;
    struct stream_protocol *sp = w->protocol;
    TW_BEGIN(co);
    if (w->reader && tw_stream_reader_exception(w->reader))
        TW_RAISE(co, tw_ref(tw_stream_reader_exception(w->reader)));
    if (tw_transport_is_closing(w->transport))
        TW_YIELD(co);
    if (sp->lost)
        TW_RAISE(co, tw_error_new(TW_ERR_CONNECTION_RESET, "Connection lost"));
    if (!sp->paused)
        TW_RETURN(co, TW_NONE);
    f->waiter = tw_future_new(sp->loop);
    if (sp->nwaiters == sp->capwaiters) {
        sp->capwaiters = sp->capwaiters ? 2 * sp->capwaiters : 4;
        sp->waiters = tw__realloc(sp->waiters, sp->capwaiters * sizeof *sp->waiters);
    }
    sp->waiters[sp->nwaiters++] = f->waiter;
    TW_AWAIT_TRY(co, tw_ref(f->waiter));
    drain_forget_waiter(f);
    if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_END(co);
}

tw_coro *tw_stream_writer_drain(tw_stream_writer *w)
{
    struct drain_frame *f = tw_coro_new(drain_body, sizeof *f);
    f->w = tw_ref(w);
    f->co.cleanup = drain_cleanup;
    return &f->co;
}
#line 1674 "chapters/tier9-streams.nw"
tw_future *tw_stream_writer_wait_closed(tw_stream_writer *w)
{
    return tw_ref(w->protocol->closed);
}
#line 1689 "chapters/tier9-streams.nw"
#define STREAM_PROTOCOL(p) ((struct stream_protocol *)(void *)(p))

static void wake_drains(struct stream_protocol *sp, tw_error *exc)
{
    for (size_t i = 0; i < sp->nwaiters; i++)
        if (!tw_future_done(sp->waiters[i])) {
            if (exc == NULL)
                tw_future_set_result(sp->waiters[i], TW_NONE);
            else
                tw_future_set_exception(sp->waiters[i], tw_ref(exc));
        }
}

static tw_error *stream_made(tw_protocol *p, tw_transport *t)
{
    struct stream_protocol *sp = STREAM_PROTOCOL(p);
    sp->transport = t;
    if (sp->reader)
        tw_stream_reader_set_transport(sp->reader, t);
    if (sp->handler) {
        tw_stream_writer *w = tw_stream_writer_new(t, p, sp->reader);
        void *coro = sp->handler(tw_ref(sp->reader), w, sp->arg);
        if (coro)
            tw_unref(tw_loop_create_task(sp->loop, coro, NULL));
    }
    return NULL;
}

static tw_error *stream_data(tw_protocol *p, const void *data, size_t n)
{
    if (STREAM_PROTOCOL(p)->reader)
        tw_stream_reader_feed_data(STREAM_PROTOCOL(p)->reader, data, n);
    return NULL;
}

static tw_error *stream_eof(tw_protocol *p, bool *keep_open)
{
    if (STREAM_PROTOCOL(p)->reader)
        tw_stream_reader_feed_eof(STREAM_PROTOCOL(p)->reader);
    *keep_open = true;
    return NULL;
}

static tw_error *stream_pause_writing(tw_protocol *p)
{
    if (STREAM_PROTOCOL(p)->paused)
        tw__fatal("StreamReaderProtocol.pause_writing: already paused");
    STREAM_PROTOCOL(p)->paused = true;
    return NULL;
}

static tw_error *stream_resume_writing(tw_protocol *p)
{
    if (!STREAM_PROTOCOL(p)->paused)
        tw__fatal("StreamReaderProtocol.resume_writing: not paused");
    STREAM_PROTOCOL(p)->paused = false;
    wake_drains(STREAM_PROTOCOL(p), NULL);
    return NULL;
}

static tw_error *stream_lost(tw_protocol *p, tw_error *exc)
{
    struct stream_protocol *sp = STREAM_PROTOCOL(p);
    if (sp->reader) {
        if (exc)
            tw_stream_reader_set_exception(sp->reader, tw_ref(exc));
        else
            tw_stream_reader_feed_eof(sp->reader);
    }
    if (!tw_future_done(sp->closed)) {
        if (exc)
            tw_future_set_exception(sp->closed, tw_ref(exc));
        else
            tw_future_set_result(sp->closed, TW_NONE);
    }
    sp->lost = true;
    if (sp->paused)
        wake_drains(sp, exc);
    let_go_of_the_reader(sp);
    sp->transport = NULL;
    return NULL;
}
#line 1779 "chapters/tier9-streams.nw"
static void stream_destroy(tw_protocol *p)
{
    struct stream_protocol *sp = STREAM_PROTOCOL(p);
    let_go_of_the_reader(sp);
    if (tw_future_done(sp->closed) && !tw_future_cancelled(sp->closed)) {
        tw_error *exc;
        tw_unref(tw_future_exception(sp->closed, &exc));
        tw_unref(exc);
    }
    tw_unref(sp->closed);
    free(sp->waiters);
}

static const tw_protocol_class stream_protocol_class = {
    .name = "StreamReaderProtocol",
    .kind = TW_PROTOCOL_STREAM,
    .connection_made = stream_made,
    .connection_lost = stream_lost,
    .pause_writing = stream_pause_writing,
    .resume_writing = stream_resume_writing,
    .data_received = stream_data,
    .eof_received = stream_eof,
    .destroy = stream_destroy,
};

tw_protocol *tw_stream_protocol_new(tw_stream_reader *reader, tw_stream_handler handler,
                                    void *arg)
{
    tw_loop *loop = reader ? reader->loop : tw_get_running_loop();
    struct stream_protocol *sp;
    if (loop == NULL)
        tw__fatal("tw_stream_protocol_new: no reader and no running event loop");
    sp = tw_protocol_new(&stream_protocol_class, sizeof *sp);
    sp->loop = loop;
    sp->reader = tw_ref(reader);
    sp->handler = handler;
    sp->arg = arg;
    sp->closed = tw_future_new(loop);
    return &sp->base;
}
#line 1830 "chapters/tier9-streams.nw"
struct open_frame {
    tw_coro co;
    char *host, *path;
    int port, sock;
    bool unix_socket;
    ptrdiff_t limit;
    tw_stream_reader **reader_out, *reader;
    tw_stream_writer **writer_out;
    tw_protocol *protocol;
    tw_tls_options tls;          /* tls.ssl NULL: plain */
    char *hostname;              /* what tls.server_hostname points to */
};

static void open_cleanup(tw_coro *co)
{
    struct open_frame *f = (struct open_frame *)co;
    tw_unref(f->reader);
    tw_unref(f->protocol);
    free(f->host);
    free(f->path);
    tw__tls_options_drop(&f->tls, &f->hostname);
}

static tw_protocol *the_protocol(void *protocol)
{
    return tw_ref((tw_protocol *)protocol);
}

static tw_step open_body(tw_coro *co)
{
    struct open_frame *f = (struct open_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_stream_reader_new(loop, f->limit, &f->reader)) != NULL)
        TW_RAISE(co, err);
    f->protocol = tw_stream_protocol_new(f->reader, NULL, NULL);
    TW_AWAIT(co, f->unix_socket
                 ? tw_create_unix_connection_tls(loop, the_protocol, f->protocol, f->path,
                                                 f->sock, &f->tls)
                 : tw_create_connection_tls(loop, the_protocol, f->protocol, f->host, f->port,
                                            &f->tls));
    {
        tw_transport *t = TW_RESULT(co).p;
        *f->writer_out = tw_stream_writer_new(t, f->protocol, f->reader);
        tw_unref(t);                /* the writer has its own */
        *f->reader_out = f->reader;
        f->reader = NULL;
    }
    TW_END(co);
}

static struct open_frame *open_new(ptrdiff_t limit, tw_stream_reader **reader,
                                   tw_stream_writer **writer)
{
    struct open_frame *f = tw_coro_new(open_body, sizeof *f);
    f->co.cleanup = open_cleanup;
    f->limit = limit;
    f->reader_out = reader;
    f->writer_out = writer;
    return f;
}

tw_coro *tw_open_connection(const char *host, int port, ptrdiff_t limit,
                            tw_stream_reader **reader, tw_stream_writer **writer)
{
    struct open_frame *f = open_new(limit, reader, writer);
    f->host = tw__strdup(host);
    f->port = port;
    return &f->co;
}

tw_coro *tw_open_unix_connection(const char *path, int sock, ptrdiff_t limit,
                                 tw_stream_reader **reader, tw_stream_writer **writer)
{
    struct open_frame *f = open_new(limit, reader, writer);
    f->unix_socket = true;
    f->path = path ? tw__strdup(path) : NULL;
    f->sock = sock;
    return &f->co;
}
#line 1917 "chapters/tier9-streams.nw"
static tw_coro *open_with_tls(tw_coro *co, const tw_tls_options *tls)
{
    struct open_frame *f = (struct open_frame *)co;
    tw__tls_options_keep(&f->tls, &f->hostname, tls);
    return co;
}

tw_coro *tw_open_connection_tls(const char *host, int port, ptrdiff_t limit,
                                const tw_tls_options *tls, tw_stream_reader **reader,
                                tw_stream_writer **writer)
{
    return open_with_tls(tw_open_connection(host, port, limit, reader, writer), tls);
}

tw_coro *tw_open_unix_connection_tls(const char *path, int sock, ptrdiff_t limit,
                                     const tw_tls_options *tls, tw_stream_reader **reader,
                                     tw_stream_writer **writer)
{
    return open_with_tls(tw_open_unix_connection(path, sock, limit, reader, writer), tls);
}
#line 1949 "chapters/tier9-streams.nw"
struct upgrade_frame {
    tw_coro co;
    tw_stream_writer *w;
    tw_tls_options tls;
    char *hostname;
};

static void upgrade_cleanup(tw_coro *co)
{
    struct upgrade_frame *f = (struct upgrade_frame *)co;
    tw_unref(f->w);
    tw__tls_options_drop(&f->tls, &f->hostname);
}

static tw_step upgrade_body(tw_coro *co)
{
    struct upgrade_frame *f = (struct upgrade_frame *)co;
    struct stream_protocol *sp = f->w->protocol;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_writer_drain(f->w));
    TW_AWAIT(co, tw_start_tls(sp->loop, f->w->transport, &sp->base, sp->handler != NULL,
                              &f->tls));
    tw_unref(f->w->transport);
    f->w->transport = TW_RESULT(co).p;
    sp->transport = f->w->transport;
    if (sp->reader) {
        tw__stream_reader_detach(sp->reader);
        tw_stream_reader_set_transport(sp->reader, f->w->transport);
    }
    TW_END(co);
}

tw_coro *tw_stream_writer_start_tls(tw_stream_writer *w, const tw_tls_options *tls)
{
    struct upgrade_frame *f = tw_coro_new(upgrade_body, sizeof *f);
    f->co.cleanup = upgrade_cleanup;
    f->w = tw_ref(w);
    tw__tls_options_keep(&f->tls, &f->hostname, tls);
    return &f->co;
}
#line 2003 "chapters/tier9-streams.nw"
struct server_config {
    tw_loop *loop;
    tw_stream_handler handler;
    void *arg;
    ptrdiff_t limit;
};

static tw_protocol *stream_factory(void *arg)
{
    struct server_config *c = arg;
    tw_stream_reader *r;
    tw_protocol *p;
    tw_error *err = tw_stream_reader_new(c->loop, c->limit, &r);
    if (err) {
        tw_unref(err);
        return NULL;
    }
    p = tw_stream_protocol_new(r, c->handler, c->arg);
    tw_unref(r);
    return p;
}

struct start_frame {
    tw_coro co;
    char *host, *path;
    int port;
    bool unix_socket, has_options;
    tw_server_options options;
    struct server_config *config;
};

static void start_cleanup(tw_coro *co)
{
    struct start_frame *f = (struct start_frame *)co;
    free(f->config);
    free(f->host);
    free(f->path);
}

static tw_step start_body(tw_coro *co)
{
    struct start_frame *f = (struct start_frame *)co;
    struct server_config *c = f->config;
    const tw_server_options *opt = f->has_options ? &f->options : NULL;
    TW_BEGIN(co);
    c->loop = tw_get_running_loop();
    TW_AWAIT(co, f->unix_socket
                 ? tw_create_unix_server(c->loop, stream_factory, c, f->path, opt)
                 : tw_create_server(c->loop, stream_factory, c, f->host, f->port, opt));
    tw__server_adopt_arg(TW_RESULT(co).p, free);
    f->config = NULL;
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static struct start_frame *start_new(tw_stream_handler handler, void *arg, ptrdiff_t limit,
                                     const tw_server_options *options)
{
    struct start_frame *f = tw_coro_new(start_body, sizeof *f);
    f->co.cleanup = start_cleanup;
    f->config = tw__alloc(sizeof *f->config);
    f->config->handler = handler;
    f->config->arg = arg;
    f->config->limit = limit;
    if (options) {
        f->options = *options;
        f->has_options = true;
    }
    return f;
}

tw_coro *tw_start_server(tw_stream_handler handler, void *arg, const char *host, int port,
                         ptrdiff_t limit, const tw_server_options *options)
{
    struct start_frame *f = start_new(handler, arg, limit, options);
    f->host = tw__strdup(host);
    f->port = port;
    return &f->co;
}

tw_coro *tw_start_unix_server(tw_stream_handler handler, void *arg, const char *path,
                              ptrdiff_t limit, const tw_server_options *options)
{
    struct start_frame *f = start_new(handler, arg, limit, options);
    f->unix_socket = true;
    f->path = tw__strdup(path);
    return &f->co;
}
