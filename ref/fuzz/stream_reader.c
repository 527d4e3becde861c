#line 2043 "chapters/tier9-tests.nw"
/* fuzz/stream_reader.c -- libFuzzer target: the stream reader against a model */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

#line 2069 "chapters/tier9-tests.nw"
enum { EV_FEED, EV_ERROR, EV_CANCEL };
enum { RD_LINE, RD_UNTIL, RD_EXACTLY, RD_READ };

struct event { int kind; const uint8_t *data; size_t len; };
struct readop { int kind; ptrdiff_t n; const uint8_t *sep; size_t seplen; };

struct outcome {
    tw_errkind err;           /* TW_ERR_NONE: data is the result */
    uint8_t *data;            /* the result, or an IncompleteReadError's partial */
    size_t len;
    ptrdiff_t number;         /* expected or consumed */
    char *message;
};

struct script {
    ptrdiff_t limit;
    bool transport, can_pause;
    struct event *events;
    size_t nevents;
    struct readop *reads;
    size_t nreads;
    struct outcome *model, *real;
    uint8_t *fed;             /* every byte fed, in order */
    size_t nfed;
};

static bool parse_script(struct script *s, const uint8_t *d, size_t n)
{
    size_t i = 1;
    if (n == 0)
        return false;
    memset(s, 0, sizeof *s);
    s->limit = 1 + (d[0] & 31);
    s->can_pause = !(d[0] & 0x40);
    s->transport = !(d[0] & 0x80);
    s->events = calloc(n, sizeof *s->events);
    s->reads = calloc(n, sizeof *s->reads);
    s->fed = malloc(n);
    while (i < n) {
        int op = d[i] & 7, a = d[i] >> 3;
        i++;
        if (op <= 1) {
            size_t len = op == 0 ? (size_t)a : 8 * (size_t)a;
            if (len > n - i)
                len = n - i;
            s->events[s->nevents++] = (struct event){ EV_FEED, d + i, len };
            memcpy(s->fed + s->nfed, d + i, len);
            s->nfed += len;
            i += len;
        } else if (op == 2) {
            s->events[s->nevents++] = (struct event){ a < 4 ? EV_ERROR : EV_CANCEL, NULL, 0 };
        } else {
            struct readop *r = &s->reads[s->nreads++];
            r->kind = op == 3 ? RD_LINE : op == 4 ? RD_UNTIL : op == 6 ? RD_READ : RD_EXACTLY;
            r->n = op == 5 ? a - 1 : op == 6 ? a - 2 : op == 7 ? 8 * a : 0;
            if (op == 4) {
                r->seplen = (size_t)a % 5;
                if (r->seplen > n - i)
                    r->seplen = n - i;
                r->sep = d + i;
                i += r->seplen;
            }
        }
    }
    s->model = calloc(s->nreads + 1, sizeof *s->model);
    s->real = calloc(s->nreads + 1, sizeof *s->real);
    return true;
}

static void free_outcomes(struct outcome *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(o[i].data);
        free(o[i].message);
    }
    free(o);
}

static void free_script(struct script *s)
{
    free_outcomes(s->model, s->nreads + 1);
    free_outcomes(s->real, s->nreads + 1);
    free(s->events);
    free(s->reads);
    free(s->fed);
}

static char *copy_string(const char *m)
{
    return m ? strcpy(malloc(strlen(m) + 1), m) : NULL;
}

static void fuzz_fail(const char *what, size_t i)
{
    fprintf(stderr, "stream reader fuzz: %s (read %zu)\n", what, i);
    abort();
}
#line 2176 "chapters/tier9-tests.nw"
struct model {
    const struct script *s;
    size_t next;              /* the next event */
    uint8_t *buf;
    size_t len;
    bool eof, paused, transport;
    int error;                /* the stored error: 0 none, else its number */
    int errors_made;
    int pauses, resumes;
    uint8_t *out;             /* every byte that left the buffer, in order */
    size_t nout;
};

enum { WOKE, WOKE_ERROR, WOKE_CANCELLED };

static void model_out(struct model *m, size_t n)
{
    memcpy(m->out + m->nout, m->buf, n);
    m->nout += n;
    memmove(m->buf, m->buf + n, m->len - n);
    m->len -= n;
}

static void model_resume_check(struct model *m)
{
    if (m->paused && m->len <= (size_t)m->s->limit) {
        m->paused = false;
        m->resumes++;
    }
}

static int model_event(struct model *m, const struct event *e)
{
    switch (e->kind) {
    case EV_FEED:
        if (e->len == 0)
            return -1;
        memcpy(m->buf + m->len, e->data, e->len);
        m->len += e->len;
        if (m->transport && !m->paused && m->len > 2 * (size_t)m->s->limit) {
            if (m->s->can_pause) {
                m->paused = true;
                m->pauses++;
            } else
                m->transport = false;
        }
        return WOKE;
    case EV_ERROR:
        m->error = ++m->errors_made;
        return WOKE_ERROR;
    default:
        return WOKE_CANCELLED;
    }
}

static int model_wait(struct model *m)
{
    if (m->paused) {
        m->paused = false;
        m->resumes++;
    }
    while (m->next < m->s->nevents) {
        int how = model_event(m, &m->s->events[m->next++]);
        if (how >= 0)
            return how;
    }
    m->eof = true;
    return WOKE;
}

static void set_outcome(struct outcome *o, tw_errkind err, const uint8_t *data, size_t len,
                        ptrdiff_t number, const char *message)
{
    o->err = err;
    o->data = malloc(len + 1);
    if (len)
        memcpy(o->data, data, len);
    o->len = len;
    o->number = number;
    o->message = copy_string(message);
}

static void model_raise_stored(struct model *m, struct outcome *o)
{
    char msg[32];
    snprintf(msg, sizeof msg, "injected %d", m->error);
    set_outcome(o, TW_ERR_OS, NULL, 0, 0, msg);
}

static bool model_stored(struct model *m, struct outcome *o)
{
    if (m->error)
        model_raise_stored(m, o);
    return m->error != 0;
}

/* the result of a wait that did not end with data */
static bool model_woke_badly(struct model *m, int how, struct outcome *o)
{
    if (how == WOKE_ERROR)
        model_raise_stored(m, o);
    else if (how == WOKE_CANCELLED)
        set_outcome(o, TW_ERR_CANCELLED, NULL, 0, 0, NULL);
    return how != WOKE;
}

static void model_take(struct model *m, size_t n, struct outcome *o)
{
    set_outcome(o, TW_ERR_NONE, m->buf, n, 0, NULL);
    model_out(m, n);
    model_resume_check(m);
}

static void model_incomplete(struct model *m, ptrdiff_t expected, struct outcome *o)
{
    char msg[96];
    if (expected < 0)
        snprintf(msg, sizeof msg, "%zu bytes read on a total of undefined expected bytes", m->len);
    else
        snprintf(msg, sizeof msg, "%zu bytes read on a total of %td expected bytes", m->len, expected);
    set_outcome(o, TW_ERR_INCOMPLETE_READ, m->buf, m->len, expected, msg);
    model_out(m, m->len);
}

static void model_read(struct model *m, ptrdiff_t n, struct outcome *o)
{
    size_t start;
    if (model_stored(m, o))
        return;
    if (n == 0) {
        set_outcome(o, TW_ERR_NONE, NULL, 0, 0, NULL);
        return;
    }
    if (n > 0) {
        if (m->len == 0 && !m->eof && model_woke_badly(m, model_wait(m), o))
            return;
        model_take(m, m->len < (size_t)n ? m->len : (size_t)n, o);
        return;
    }
    start = m->nout;          /* the blocks are the bytes logged from here */
    for (;;) {
        size_t k;
        if (model_stored(m, o))
            return;
        if (m->len == 0 && !m->eof && model_woke_badly(m, model_wait(m), o))
            return;
        k = m->len < (size_t)m->s->limit ? m->len : (size_t)m->s->limit;
        if (k == 0)
            break;
        model_out(m, k);
        model_resume_check(m);
    }
    set_outcome(o, TW_ERR_NONE, m->out + start, m->nout - start, 0, NULL);
}

static void model_readexactly(struct model *m, ptrdiff_t n, struct outcome *o)
{
    if (n < 0) {
        set_outcome(o, TW_ERR_VALUE, NULL, 0, 0, "readexactly size can not be less than zero");
        return;
    }
    if (model_stored(m, o))
        return;
    if (n == 0) {
        set_outcome(o, TW_ERR_NONE, NULL, 0, 0, NULL);
        return;
    }
    while (m->len < (size_t)n) {
        if (m->eof) {
            model_incomplete(m, n, o);
            return;
        }
        if (model_woke_badly(m, model_wait(m), o))
            return;
    }
    model_take(m, (size_t)n, o);
}

static ptrdiff_t model_find(const struct model *m, const uint8_t *sep, size_t seplen, size_t from)
{
    for (size_t i = from; i + seplen <= m->len; i++)
        if (memcmp(m->buf + i, sep, seplen) == 0)
            return (ptrdiff_t)i;
    return -1;
}

static void model_readuntil(struct model *m, const uint8_t *sep, size_t seplen, struct outcome *o)
{
    ptrdiff_t offset = 0, isep, limit = m->s->limit;
    if (seplen == 0) {
        set_outcome(o, TW_ERR_VALUE, NULL, 0, 0, "Separator should be at least one-byte string");
        return;
    }
    if (model_stored(m, o))
        return;
    for (;;) {
        ptrdiff_t buflen = (ptrdiff_t)m->len;
        if (buflen - offset >= (ptrdiff_t)seplen) {
            isep = model_find(m, sep, seplen, (size_t)offset);
            if (isep != -1)
                break;
            offset = buflen + 1 - (ptrdiff_t)seplen;
            if (offset > limit) {
                set_outcome(o, TW_ERR_LIMIT_OVERRUN, NULL, 0, offset,
                            "Separator is not found, and chunk exceed the limit");
                return;
            }
        }
        if (m->eof) {
            model_incomplete(m, -1, o);
            return;
        }
        if (model_woke_badly(m, model_wait(m), o))
            return;
    }
    if (isep > limit) {
        set_outcome(o, TW_ERR_LIMIT_OVERRUN, NULL, 0, isep,
                    "Separator is found, but chunk is longer than limit");
        return;
    }
    model_take(m, (size_t)isep + seplen, o);
}

static void model_readline(struct model *m, struct outcome *o)
{
    model_readuntil(m, (const uint8_t *)"\n", 1, o);
    if (o->err == TW_ERR_INCOMPLETE_READ) {
        o->err = TW_ERR_NONE;
        free(o->message);
        o->message = NULL;
        o->number = 0;
    } else if (o->err == TW_ERR_LIMIT_OVERRUN) {
        size_t c = (size_t)o->number;
        model_out(m, c < m->len && m->buf[c] == '\n' ? c + 1 : m->len);
        model_resume_check(m);
        o->err = TW_ERR_VALUE;
        o->number = 0;
    }
}

static void run_model(struct script *s)
{
    struct model m = { .s = s, .transport = s->transport };
    m.buf = malloc(s->nfed + 1);
    m.out = malloc(s->nfed + 1);
    for (size_t i = 0; i < s->nreads; i++) {
        const struct readop *r = &s->reads[i];
        switch (r->kind) {
        case RD_LINE: model_readline(&m, &s->model[i]); break;
        case RD_UNTIL: model_readuntil(&m, r->sep, r->seplen, &s->model[i]); break;
        case RD_EXACTLY: model_readexactly(&m, r->n, &s->model[i]); break;
        default: model_read(&m, r->n, &s->model[i]); break;
        }
    }
    while (m.next < s->nevents)
        model_event(&m, &s->events[m.next++]);
    m.eof = true;
    /* conservation: what left the buffer, then what is left, is what was fed */
    if (m.nout + m.len != s->nfed || memcmp(m.out, s->fed, m.nout) != 0
        || memcmp(m.buf, s->fed + m.nout, m.len) != 0)
        fuzz_fail("the model lost or duplicated bytes", s->nreads);
    /* the last outcome is the end state: the buffer left, the counts */
    set_outcome(&s->model[s->nreads], m.error ? TW_ERR_OS : TW_ERR_NONE, m.buf, m.len,
                m.pauses * 1000 + m.resumes, NULL);
    free(m.buf);
    free(m.out);
}
#line 2454 "chapters/tier9-tests.nw"
#define FAKE_TRANSPORT_FAIL(what) fuzz_fail(what, 0)
#include "../tests/fake_transport.h"

static struct script *S;
static tw_stream_reader *R;

static void record(struct outcome *o, tw_coro *co)
{
    tw_error *e = TW_TAKE_ERROR(co);
    if (e == NULL) {
        tw_bytes *b = TW_RESULT(co).p;
        set_outcome(o, TW_ERR_NONE, b->data, b->len, 0, NULL);
        if (b->data[b->len] != 0)
            fuzz_fail("a result without its terminating zero", 0);
        tw_bytes_free(b);
        return;
    }
    if (tw_error_kind(e) == TW_ERR_INCOMPLETE_READ) {
        size_t len;
        const unsigned char *p = tw_incomplete_read_partial(e, &len);
        set_outcome(o, TW_ERR_INCOMPLETE_READ, p, len, tw_incomplete_read_expected(e),
                    tw_error_message(e));
    } else
        set_outcome(o, tw_error_kind(e), NULL, 0,
                    tw_error_kind(e) == TW_ERR_LIMIT_OVERRUN ? tw_limit_overrun_consumed(e) : 0,
                    tw_error_message(e));
    tw_unref(e);
}

struct reading { tw_coro co; size_t i; };

static tw_step reading_body(tw_coro *co)
{
    struct reading *f = (struct reading *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < S->nreads; f->i++) {
        {
            const struct readop *r = &S->reads[f->i];
            tw_coro *aw = r->kind == RD_LINE ? tw_stream_reader_readline(R)
                     : r->kind == RD_UNTIL ? tw_stream_reader_readuntil(R, r->sep, r->seplen)
                     : r->kind == RD_EXACTLY ? tw_stream_reader_readexactly(R, r->n)
                     : tw_stream_reader_read(R, r->n);
            TW_AWAIT_TRY(co, aw);
        }
        if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
            tw_task_uncancel(tw_current_task());
        record(&S->real[f->i], co);
    }
    TW_END(co);
}

struct driving { tw_coro co; size_t i; int turn; int errors_made; tw_task *reader; };

static tw_step driving_body(tw_coro *co)
{
    struct driving *f = (struct driving *)co;
    TW_BEGIN(co);
    f->reader = tw_create_task(tw_coro_new(reading_body, sizeof(struct reading)), "reader");
    for (f->i = 0; f->i <= S->nevents; f->i++) {
        for (f->turn = 0; f->turn < 2; f->turn++)
            TW_AWAIT(co, tw_sleep(0));
        if (f->i == S->nevents)
            break;
        {
            const struct event *e = &S->events[f->i];
            char msg[32];
            if (e->kind == EV_FEED)
                tw_stream_reader_feed_data(R, e->data, e->len);
            else if (e->kind == EV_ERROR) {
                snprintf(msg, sizeof msg, "injected %d", ++f->errors_made);
                tw_stream_reader_set_exception(R, tw_error_new(TW_ERR_OS, "%s", msg));
            } else
                tw_task_cancel(f->reader, NULL);
        }
    }
    tw_stream_reader_feed_eof(R);
    for (f->turn = 0; f->turn < 2; f->turn++)
        TW_AWAIT(co, tw_sleep(0));
    if (!tw_future_done(tw_task_future(f->reader)))
        fuzz_fail("the reads did not finish at the end of the stream", S->nreads);
    TW_AWAIT(co, f->reader);
    TW_END(co);
}

static void run_real(struct script *s)
{
    static tw_loop *loop;
    struct fake_transport ft;
    struct driving *driver;
    tw_error *e;
    size_t left;
    int counts;
    if (loop == NULL)
        loop = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    S = s;
    if (tw_stream_reader_new(loop, s->limit, &R) != NULL)
        fuzz_fail("a positive limit refused", 0);
    fake_transport_init(&ft, s->can_pause);
    if (s->transport)
        tw_stream_reader_set_transport(R, &ft.base);
    driver = tw_coro_new(driving_body, sizeof *driver);
    e = tw_loop_run_until_complete(loop, &driver->co, NULL);
    if (e != NULL)
        fuzz_fail("the driver raised", s->nreads);
    counts = ft.pauses * 1000 + ft.resumes;    /* before the read-out below resumes */
    left = tw_stream_reader_buffered(R);
    if (tw_stream_reader_at_eof(R) != (left == 0))
        fuzz_fail("at_eof disagrees with the buffer at the end of the stream", s->nreads);
    {
        /* what is left: read it out unless an error would be raised instead */
        struct outcome *o = &s->real[s->nreads];
        tw_error *stored = tw_stream_reader_exception(R);
        uint8_t *rest = malloc(left + 1);
        if (stored == NULL && left) {
            tw_value v;
            tw_bytes *b;
            if (tw_loop_run_until_complete(loop, tw_stream_reader_readexactly(R, (ptrdiff_t)left),
                                           &v) != NULL)
                fuzz_fail("reading what was left failed", s->nreads);
            b = v.p;
            memcpy(rest, b->data, left);
            tw_bytes_free(b);
        } else if (left) {
            /* the stored error hides the buffer; the model knows it */
            memcpy(rest, s->model[s->nreads].data, left < s->model[s->nreads].len
                   ? left : s->model[s->nreads].len);
        }
        set_outcome(o, stored ? TW_ERR_OS : TW_ERR_NONE, rest, left, counts, NULL);
        free(rest);
    }
    tw_unref(R);
    R = NULL;
}
#line 2595 "chapters/tier9-tests.nw"
static void compare_outcome(const struct outcome *m, const struct outcome *r, size_t i)
{
    char why[160];
    if (m->err != r->err) {
        snprintf(why, sizeof why, "model %s, reader %s",
                 m->err ? "raised" : "returned", r->err ? "raised" : "returned");
        if (m->err && r->err)
            snprintf(why, sizeof why, "error kinds differ: model %d, reader %d", m->err, r->err);
        fuzz_fail(why, i);
    }
    if (m->len != r->len || memcmp(m->data, r->data, m->len) != 0)
        fuzz_fail("different bytes", i);
    if (m->number != r->number)
        fuzz_fail("different expected, consumed or flow-control counts", i);
    if ((m->message == NULL) != (r->message == NULL)
        || (m->message && strcmp(m->message, r->message) != 0))
        fuzz_fail("different messages", i);
}

static void compare(const struct script *s)
{
    for (size_t i = 0; i <= s->nreads; i++)
        compare_outcome(&s->model[i], &s->real[i], i);
}

#line 2055 "chapters/tier9-tests.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct script s;
    if (!parse_script(&s, data, size))
        return 0;
    run_model(&s);
    run_real(&s);
    compare(&s);
    free_script(&s);
    return 0;
}
