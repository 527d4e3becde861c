#line 3487 "chapters/tier5-executors.nw"
/* process.c -- asyncio.subprocess: Process, its stream protocol, pipe readers and writers */
#include "private.h"
#include <errno.h>
#include <signal.h>

#line 3508 "chapters/tier5-executors.nw"
struct tw_pipe_reader {
    tw_future hdr;                      /* reference count only */
    tw_loop *loop;
    size_t limit;
    unsigned char *buf;
    size_t head, len, cap;
    bool eof, paused;
    tw_error *exception;
    tw_future *waiter;
    tw_pipe_transport *transport;
    tw_subprocess_transport *owner;     /* keeps the pipe alive */
};

static void reader_finalize(tw_future *f)
{
    tw_pipe_reader *r = (tw_pipe_reader *)f;
    free(r->buf);
    tw_error_unref(r->exception);
    tw_unref(r->waiter);
    tw_unref(r->owner);
}

static const tw__future_class reader_class = { "StreamReader", NULL, reader_finalize, NULL };

static tw_pipe_reader *reader_new(tw_loop *L, size_t limit, tw_subprocess_transport *owner,
                                  tw_pipe_transport *transport)
{
    tw_pipe_reader *r = tw__alloc(sizeof *r);
    tw__future_init(&r->hdr, L, TW_KIND_FUTURE, &reader_class);
    r->loop = L;
    r->limit = limit;
    r->owner = tw_ref(owner);
    r->transport = transport;
    return r;
}

static void reader_consume(tw_pipe_reader *r, size_t n)
{
    r->head += n;
    r->len -= n;
    if (r->len == 0)
        r->head = 0;
}

static tw_bytes *reader_take(tw_pipe_reader *r, size_t n)
{
    tw_bytes *b = tw_bytes_new(r->buf + r->head, n);
    reader_consume(r, n);
    return b;
}

static void reader_wakeup(tw_pipe_reader *r, tw_error *exc)
{
    tw_future *w = r->waiter;
    r->waiter = NULL;
    if (w && !tw_future_done(w)) {
        if (exc)
            tw_future_set_exception(w, tw_error_ref(exc));
        else
            tw_future_set_result(w, TW_NONE);
    }
    tw_unref(w);
}

static void reader_maybe_resume(tw_pipe_reader *r)
{
    if (r->paused && r->len <= r->limit) {
        r->paused = false;
        tw_pipe_transport_resume_reading(r->transport);
    }
}
#line 3585 "chapters/tier5-executors.nw"
static void reader_feed_data(tw_pipe_reader *r, const void *data, size_t len)
{
    if (len == 0)
        return;
    if (r->head + r->len + len > r->cap) {
        if (r->head) {
            memmove(r->buf, r->buf + r->head, r->len);
            r->head = 0;
        }
        if (r->len + len > r->cap) {
            r->cap = 2 * (r->len + len);
            r->buf = tw__realloc(r->buf, r->cap);
        }
    }
    memcpy(r->buf + r->head + r->len, data, len);
    r->len += len;
    reader_wakeup(r, NULL);
    if (r->transport && !r->paused && r->len > 2 * r->limit) {
        tw_pipe_transport_pause_reading(r->transport);
        r->paused = true;
    }
}

static void reader_feed_eof(tw_pipe_reader *r)
{
    r->eof = true;
    reader_wakeup(r, NULL);
}

static void reader_set_exception(tw_pipe_reader *r, tw_error *exc)
{
    tw_error_unref(r->exception);
    r->exception = tw_error_ref(exc);
    reader_wakeup(r, exc);
}

bool tw_pipe_reader_at_eof(const tw_pipe_reader *r)
{
    return r->eof && r->len == 0;
}
#line 3631 "chapters/tier5-executors.nw"
struct reader_frame {
    tw_coro co;
    tw_pipe_reader *r;
};

static void reader_frame_cleanup(tw_coro *co)
{
    tw_unref(((struct reader_frame *)co)->r);
}

static void *reader_coroutine(tw_coro_fn body, size_t size, tw_pipe_reader *r,
                              void (*cleanup)(tw_coro *co))
{
    struct reader_frame *f = tw_coro_new(body, size);
    f->r = tw_ref(r);
    f->co.cleanup = cleanup;
    return f;
}
#line 3656 "chapters/tier5-executors.nw"
struct wait_data_frame {
    tw_coro co;
    tw_pipe_reader *r;
    const char *who;
    tw_future *waiter;
};

static void wait_data_cleanup(tw_coro *co)
{
    struct wait_data_frame *f = (struct wait_data_frame *)co;
    if (f->waiter && f->r->waiter == f->waiter) {
        tw_unref(f->r->waiter);
        f->r->waiter = NULL;
    }
    tw_unref(f->waiter);
    reader_frame_cleanup(co);
}

static tw_step wait_data_body(tw_coro *co)
{
    struct wait_data_frame *f = (struct wait_data_frame *)co;
    tw_pipe_reader *r = f->r;
    TW_BEGIN(co);
    if (r->waiter)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "%s() called while another coroutine is "
                                  "already waiting for incoming data", f->who));
    if (r->paused) {
        r->paused = false;
        tw_pipe_transport_resume_reading(r->transport);
    }
    f->waiter = tw_future_new(r->loop);
    r->waiter = tw_ref(f->waiter);
    TW_AWAIT(co, tw_ref(f->waiter));
    TW_END(co);
}

static void *wait_for_data(tw_pipe_reader *r, const char *who)
{
    struct wait_data_frame *f = reader_coroutine(wait_data_body, sizeof *f, r, wait_data_cleanup);
    f->who = who;
    return f;
}
#line 3704 "chapters/tier5-executors.nw"
struct read_frame {
    tw_coro co;
    tw_pipe_reader *r;
    ptrdiff_t n;
    tw_bytes *all;
};

static void read_cleanup(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_bytes_free(f->all);
    reader_frame_cleanup(co);
}

static tw_bytes *bytes_append(tw_bytes *b, const void *data, size_t len)
{
    b = tw__realloc(b, sizeof *b + b->len + len + 1);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = 0;
    return b;
}

static tw_step read_body(tw_coro *co)
{
    struct read_frame *f = (struct read_frame *)co;
    tw_pipe_reader *r = f->r;
    tw_bytes *b;
    TW_BEGIN(co);
    if (r->exception)
        TW_RAISE(co, tw_error_ref(r->exception));
    if (f->n == 0)
        TW_RETURN(co, TW_PTR(tw_bytes_new(NULL, 0)));
    if (f->n < 0) {
        f->all = tw_bytes_new(NULL, 0);
        for (;;) {
            if (r->exception)
                TW_RAISE(co, tw_error_ref(r->exception));
            if (r->len == 0 && !r->eof) {
                TW_AWAIT(co, wait_for_data(r, "read"));
                r = f->r;
            }
            if (r->len == 0)
                break;
            {
                size_t n = r->len < r->limit ? r->len : r->limit;
                f->all = bytes_append(f->all, r->buf + r->head, n);
                reader_consume(r, n);
                reader_maybe_resume(r);
            }
        }
        b = f->all;
        f->all = NULL;
        TW_RETURN(co, TW_PTR(b));
    }
    if (r->len == 0 && !r->eof) {
        TW_AWAIT(co, wait_for_data(r, "read"));
        r = f->r;
    }
    b = reader_take(r, (size_t)f->n < r->len ? (size_t)f->n : r->len);
    reader_maybe_resume(r);
    TW_RETURN(co, TW_PTR(b));
    TW_END(co);
}

void *tw_pipe_reader_read(tw_pipe_reader *r, ptrdiff_t n)
{
    struct read_frame *f = reader_coroutine(read_body, sizeof *f, r, read_cleanup);
    f->n = n;
    return f;
}
#line 3786 "chapters/tier5-executors.nw"
struct readline_frame {
    tw_coro co;
    tw_pipe_reader *r;
    size_t offset;
};

static tw_error *line_over_limit(tw_pipe_reader *r, size_t consumed, bool found)
{
    if (consumed < r->len && r->buf[r->head + consumed] == '\n')
        reader_consume(r, consumed + 1);
    else
        r->head = r->len = 0;
    reader_maybe_resume(r);
    return tw_error_new(TW_ERR_VALUE, "%s", found
        ? "Separator is found, but chunk is longer than limit"
        : "Separator is not found, and chunk exceed the limit");
}

static tw_step readline_body(tw_coro *co)
{
    struct readline_frame *f = (struct readline_frame *)co;
    tw_pipe_reader *r = f->r;
    tw_bytes *b;
    TW_BEGIN(co);
    if (r->exception)
        TW_RAISE(co, tw_error_ref(r->exception));
    for (;;) {
        if (r->len > f->offset) {
            const unsigned char *start = r->buf + r->head;
            const unsigned char *nl = memchr(start + f->offset, '\n', r->len - f->offset);
            if (nl) {
                f->offset = (size_t)(nl - start);
                break;
            }
            f->offset = r->len;
            if (f->offset > r->limit)
                TW_RAISE(co, line_over_limit(r, f->offset, false));
        }
        if (r->eof)
            TW_RETURN(co, TW_PTR(reader_take(r, r->len)));
        TW_AWAIT(co, wait_for_data(r, "readuntil"));
        r = f->r;
    }
    if (f->offset > r->limit)
        TW_RAISE(co, line_over_limit(r, f->offset, true));
    b = reader_take(r, f->offset + 1);
    reader_maybe_resume(r);
    TW_RETURN(co, TW_PTR(b));
    TW_END(co);
}

void *tw_pipe_reader_readline(tw_pipe_reader *r)
{
    return reader_coroutine(readline_body, sizeof(struct readline_frame), r,
                            reader_frame_cleanup);
}
#line 3850 "chapters/tier5-executors.nw"
struct tw_pipe_writer {
    tw_process *proc;
    tw_pipe_transport *pipe;
};

struct tw_process {
    tw_future hdr;                      /* reference count only */
    tw_loop *loop;
    tw_subprocess_transport *transport;
    size_t limit;
    tw_pipe_reader *out, *err;
    tw_pipe_writer in;
    int open_pipes;                     /* stdout and stderr pipes not yet lost */
    bool exited, transport_closed;
    bool paused, lost;                  /* FlowControlMixin */
    tw_future **drains;
    size_t ndrains;
    tw_future *made;                    /* done once connection_made has run */
};
#line 3875 "chapters/tier5-executors.nw"
tw_error *tw_pipe_writer_write(tw_pipe_writer *w, const void *data, size_t len)
{
    return tw_pipe_transport_write(w->pipe, data, len);
}

void tw_pipe_writer_close(tw_pipe_writer *w)
{
    tw_pipe_transport_close(w->pipe);
}

bool tw_pipe_writer_is_closing(const tw_pipe_writer *w)
{
    return tw_pipe_transport_is_closing(w->pipe);
}

struct drain_frame {
    tw_coro co;
    tw_process *p;
    tw_future *waiter;
};

static void drain_cleanup(tw_coro *co)
{
    struct drain_frame *f = (struct drain_frame *)co;
    tw_process *p = f->p;
    for (size_t i = 0; f->waiter && i < p->ndrains; i++)
        if (p->drains[i] == f->waiter) {
            tw_unref(p->drains[i]);
            p->drains[i] = p->drains[--p->ndrains];
            break;
        }
    tw_unref(f->waiter);
    tw_unref(p);
}

static tw_step drain_body(tw_coro *co)
{
    struct drain_frame *f = (struct drain_frame *)co;
    tw_process *p = f->p;
    TW_BEGIN(co);
    if (tw_pipe_transport_is_closing(p->in.pipe)) {
        TW_YIELD(co);
        p = f->p;
    }
    if (p->lost)
        TW_RAISE(co, tw__os_error(ECONNRESET, 0, NULL, "Connection lost"));
    if (!p->paused)
        TW_RETURN(co, TW_NONE);
    f->waiter = tw_future_new(p->loop);
    p->drains = tw__realloc(p->drains, (p->ndrains + 1) * sizeof *p->drains);
    p->drains[p->ndrains++] = tw_ref(f->waiter);
    TW_AWAIT(co, tw_ref(f->waiter));
    TW_END(co);
}

void *tw_pipe_writer_drain(tw_pipe_writer *w)
{
    struct drain_frame *f = tw_coro_new(drain_body, sizeof *f);
    f->p = tw_ref(w->proc);
    f->co.cleanup = drain_cleanup;
    return f;
}
#line 3947 "chapters/tier5-executors.nw"
static void flow_connection_lost(tw_process *p, tw_error *exc)
{
    p->lost = true;
    if (!p->paused)
        return;
    for (size_t i = 0; i < p->ndrains; i++)
        if (!tw_future_done(p->drains[i])) {
            if (exc)
                tw_future_set_exception(p->drains[i], tw_error_ref(exc));
            else
                tw_future_set_result(p->drains[i], TW_NONE);
        }
}

static void maybe_close_transport(tw_process *p)
{
    if (p->open_pipes == 0 && p->exited && !p->transport_closed) {
        p->transport_closed = true;
        tw_subprocess_transport_close(p->transport);
    }
}

static tw_error *proc_connection_made(void *self, tw_subprocess_transport *t)
{
    tw_process *p = self;
    tw_pipe_transport *pipe;
    if ((pipe = tw_subprocess_transport_get_pipe_transport(t, 1)) != NULL) {
        p->out = reader_new(p->loop, p->limit, t, pipe);
        p->open_pipes++;
    }
    if ((pipe = tw_subprocess_transport_get_pipe_transport(t, 2)) != NULL) {
        p->err = reader_new(p->loop, p->limit, t, pipe);
        p->open_pipes++;
    }
    p->in.proc = p;
    p->in.pipe = tw_subprocess_transport_get_pipe_transport(t, 0);
    if (!tw_future_done(p->made))
        tw_future_set_result(p->made, TW_NONE);
    return NULL;
}

static tw_error *proc_pipe_data_received(void *self, int fd, const void *data, size_t len)
{
    tw_process *p = self;
    tw_pipe_reader *r = fd == 1 ? p->out : fd == 2 ? p->err : NULL;
    if (r)
        reader_feed_data(r, data, len);
    return NULL;
}

static tw_error *proc_pipe_connection_lost(void *self, int fd, tw_error *exc)
{
    tw_process *p = self;
    tw_pipe_reader *r = fd == 1 ? p->out : fd == 2 ? p->err : NULL;
    if (fd == 0) {
        if (p->in.pipe)
            tw_pipe_transport_close(p->in.pipe);
        flow_connection_lost(p, exc);
        return NULL;
    }
    if (r) {
        if (exc)
            reader_set_exception(r, exc);
        else
            reader_feed_eof(r);
        p->open_pipes--;
    }
    maybe_close_transport(p);
    return NULL;
}

static tw_error *proc_process_exited(void *self)
{
    tw_process *p = self;
    p->exited = true;
    maybe_close_transport(p);
    return NULL;
}

static tw_error *proc_connection_lost(void *self, tw_error *exc)
{
    flow_connection_lost(self, exc);
    return NULL;
}

static tw_error *proc_pause_writing(void *self)
{
    ((tw_process *)self)->paused = true;
    return NULL;
}

static tw_error *proc_resume_writing(void *self)
{
    tw_process *p = self;
    p->paused = false;
    for (size_t i = 0; i < p->ndrains; i++)
        if (!tw_future_done(p->drains[i]))
            tw_future_set_result(p->drains[i], TW_NONE);
    return NULL;
}

static void *proc_ref(void *self) { return tw_ref(self); }
static void proc_unref(void *self) { tw_unref(self); }

static const tw_subprocess_protocol stream_protocol = {
    proc_connection_made, proc_pipe_data_received, proc_pipe_connection_lost,
    proc_process_exited, proc_connection_lost, proc_pause_writing, proc_resume_writing,
    proc_ref, proc_unref,
};
#line 4065 "chapters/tier5-executors.nw"
static void process_finalize(tw_future *f)
{
    tw_process *p = (tw_process *)f;
    tw_unref(p->out);
    tw_unref(p->err);
    for (size_t i = 0; i < p->ndrains; i++)
        tw_unref(p->drains[i]);
    free(p->drains);
    tw_unref(p->made);
    tw_unref(p->transport);
}

static const tw__future_class process_class = { "Process", NULL, process_finalize, NULL };

struct create_frame {
    tw_coro co;
    bool shell;
    char **argv;
    char *cmd;
    char *cwd;
    char **env;
    tw_subprocess_options options;
    tw_process *p;
};

static void create_cleanup(tw_coro *co)
{
    struct create_frame *f = (struct create_frame *)co;
    if (f->p) {
        if (f->p->transport)
            tw_subprocess_transport_close(f->p->transport);
        tw_unref(f->p);
    }
    tw__strv_free(f->argv);
    free(f->cmd);
    free(f->cwd);
    tw__strv_free(f->env);
}

static tw_step create_body(tw_coro *co)
{
    struct create_frame *f = (struct create_frame *)co;
    tw_loop *L = co->task->fut.loop;
    tw_process *p;
    tw_error *err;
    TW_BEGIN(co);
    p = f->p = tw__alloc(sizeof *p);
    tw__future_init(&p->hdr, L, TW_KIND_FUTURE, &process_class);
    p->loop = L;
    p->limit = f->options.limit ? f->options.limit : TW_PIPE_LIMIT;
    p->made = tw_future_new(L);
    err = f->shell ? tw_loop_subprocess_shell(L, &stream_protocol, p, f->cmd, &f->options,
                                            &p->transport)
                   : tw_loop_subprocess_exec(L, &stream_protocol, p, (const char *const *)f->argv,
                                             &f->options, &p->transport);
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(f->p->made));
    p = f->p;
    f->p = NULL;
    TW_RETURN(co, TW_PTR(p));
    TW_END(co);
}

static void *create(bool shell, const char *const *argv, const char *cmd,
                    const tw_subprocess_options *o)
{
    struct create_frame *f = tw_coro_new(create_body, sizeof *f);
    f->co.cleanup = create_cleanup;
    f->shell = shell;
    f->argv = tw__strv_dup(argv);
    f->cmd = tw__strdup(cmd);
    if (o) {
        f->options = *o;
        f->cwd = tw__strdup(o->cwd);
        f->env = tw__strv_dup(o->env);
    }
    f->options.cwd = f->cwd;
    f->options.env = (const char *const *)f->env;
    return f;
}

void *tw_create_subprocess_exec(const char *const *argv, const tw_subprocess_options *options)
{
    return create(false, argv, NULL, options);
}

void *tw_create_subprocess_shell(const char *cmd, const tw_subprocess_options *options)
{
    return create(true, NULL, cmd, options);
}
#line 4161 "chapters/tier5-executors.nw"
int tw_process_pid(const tw_process *p)
{
    return tw_subprocess_transport_get_pid(p->transport);
}

bool tw_process_returncode(const tw_process *p, int *code)
{
    return tw_subprocess_transport_get_returncode(p->transport, code);
}

tw_pipe_writer *tw_process_stdin(tw_process *p) { return p->in.pipe ? &p->in : NULL; }
tw_pipe_reader *tw_process_stdout(tw_process *p) { return p->out; }
tw_pipe_reader *tw_process_stderr(tw_process *p) { return p->err; }
tw_subprocess_transport *tw_process_transport(tw_process *p) { return p->transport; }

void *tw_process_wait(tw_process *p)
{
    return tw_subprocess_transport_wait(p->transport);
}

tw_error *tw_process_send_signal(tw_process *p, int sig)
{
    return tw_subprocess_transport_send_signal(p->transport, sig);
}

tw_error *tw_process_terminate(tw_process *p) { return tw_process_send_signal(p, SIGTERM); }
tw_error *tw_process_kill(tw_process *p) { return tw_process_send_signal(p, SIGKILL); }

void tw_process_unref(tw_process *p)
{
    tw_unref(p);
}
#line 4202 "chapters/tier5-executors.nw"
struct feed_frame {
    tw_coro co;
    tw_process *p;
    tw_bytes *input;
};

struct read_stream_frame {
    tw_coro co;
    tw_process *p;
    int fd;
};

static void feed_cleanup(tw_coro *co)
{
    struct feed_frame *f = (struct feed_frame *)co;
    tw_bytes_free(f->input);
    tw_unref(f->p);
}

static bool child_stopped_reading(const tw_error *e)
{
    const char *type = tw_error_type(e);
    return tw_error_is(e, TW_ERR_OS)
        && (strcmp(type, "BrokenPipeError") == 0 || strcmp(type, "ConnectionResetError") == 0);
}

static tw_step feed_body(tw_coro *co)
{
    struct feed_frame *f = (struct feed_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_pipe_writer_write(&f->p->in, f->input->data, f->input->len)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_pipe_writer_drain(&f->p->in));
    if (TW_ERROR(co) && !child_stopped_reading(TW_ERROR(co)))
        TW_RERAISE(co);
    TW_CLEAR(co);
    tw_pipe_writer_close(&f->p->in);
    TW_END(co);
}

static void read_stream_cleanup(tw_coro *co)
{
    tw_unref(((struct read_stream_frame *)co)->p);
}

static tw_step read_stream_body(tw_coro *co)
{
    struct read_stream_frame *f = (struct read_stream_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_pipe_reader_read(f->fd == 1 ? f->p->out : f->p->err, -1));
    tw_pipe_transport_close(tw_subprocess_transport_get_pipe_transport(f->p->transport, f->fd));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static void *read_stream(tw_process *p, int fd)
{
    struct read_stream_frame *f = tw_coro_new(read_stream_body, sizeof *f);
    f->p = tw_ref(p);
    f->fd = fd;
    f->co.cleanup = read_stream_cleanup;
    return f;
}
#line 4272 "chapters/tier5-executors.nw"
struct communicate_frame {
    tw_coro co;
    tw_process *p;
    tw_bytes *input;
    tw_bytes **out, **err;
    int iout, ierr;                     /* their places in the gather, or -1 */
};

static void communicate_cleanup(tw_coro *co)
{
    struct communicate_frame *f = (struct communicate_frame *)co;
    tw_bytes_free(f->input);
    tw_unref(f->p);
}

static tw_future *start_communicating(struct communicate_frame *f)
{
    void *aws[3];
    size_t n = 0;
    if (f->input && f->p->in.pipe) {
        struct feed_frame *feed = tw_coro_new(feed_body, sizeof *feed);
        feed->p = tw_ref(f->p);
        feed->input = f->input;
        feed->co.cleanup = feed_cleanup;
        f->input = NULL;
        aws[n++] = feed;
    }
    f->iout = f->p->out ? (int)n : -1;
    if (f->p->out)
        aws[n++] = read_stream(f->p, 1);
    f->ierr = f->p->err ? (int)n : -1;
    if (f->p->err)
        aws[n++] = read_stream(f->p, 2);
    return tw_gather(n, aws, false);
}

static void hand_over(tw_bytes **to, const tw_gathered *g, int i)
{
    tw_bytes *b = i >= 0 ? g->values[i].p : NULL;
    if (to)
        *to = b;
    else
        tw_bytes_free(b);
}

static tw_step communicate_body(tw_coro *co)
{
    struct communicate_frame *f = (struct communicate_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, start_communicating(f));
    hand_over(f->out, TW_RESULT(co).p, f->iout);
    hand_over(f->err, TW_RESULT(co).p, f->ierr);
    TW_AWAIT(co, tw_process_wait(f->p));
    TW_END(co);
}

void *tw_process_communicate(tw_process *p, const void *input, size_t len,
                             tw_bytes **out, tw_bytes **err)
{
    struct communicate_frame *f = tw_coro_new(communicate_body, sizeof *f);
    f->p = tw_ref(p);
    f->input = input ? tw_bytes_new(input, len) : NULL;
    f->out = out;
    f->err = err;
    if (out)
        *out = NULL;
    if (err)
        *err = NULL;
    f->co.cleanup = communicate_cleanup;
    return f;
}
