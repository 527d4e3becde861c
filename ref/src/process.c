#line 2107 "chapters/tier9-streams.nw"
/* process.c -- asyncio.subprocess: Process and its stream protocol, on streams (see the book, tier 9) */
#include "tier9.h"
#include <signal.h>

#line 2133 "chapters/tier9-streams.nw"
struct tw_process {
    tw_object obj;
    tw_loop *loop;
    tw_transport *transport;
    ptrdiff_t limit;
    tw_stream_reader *out, *err;        /* NULL: not a pipe */
    tw_transport *out_pipe, *err_pipe;  /* their pipe transports */
    tw_stream_writer *in;               /* NULL: not a pipe */
    tw_protocol *flow;                  /* FlowControlMixin: what drain waits on */
    int open_pipes;                     /* stdout and stderr pipes not yet lost */
    bool exited, transport_closed;
    tw_future *made;                    /* done once connection_made has run */
};
#line 2165 "chapters/tier9-streams.nw"
struct stream_protocol_of_process {
    tw_protocol base;
    tw_process *p;
};

#define PROCESS(pr) (((struct stream_protocol_of_process *)(void *)(pr))->p)

static void maybe_close_transport(tw_process *p)
{
    if (p->open_pipes == 0 && p->exited && !p->transport_closed) {
        p->transport_closed = true;
        tw_transport_close(p->transport);
    }
}

static tw_stream_reader *reader_on_pipe(tw_process *p, tw_transport *t, int fd,
                                        tw_transport **pipe)
{
    tw_stream_reader *r;
    if ((*pipe = tw_ref(tw_subprocess_transport_get_pipe_transport(t, fd))) == NULL)
        return NULL;
    tw_unref(tw_stream_reader_new(p->loop, p->limit, &r));
    tw_stream_reader_set_transport(r, *pipe);
    p->open_pipes++;
    return r;
}

static tw_error *proc_connection_made(tw_protocol *pr, tw_transport *t)
{
    tw_process *p = PROCESS(pr);
    tw_transport *in = tw_subprocess_transport_get_pipe_transport(t, 0);
    p->out = reader_on_pipe(p, t, 1, &p->out_pipe);
    p->err = reader_on_pipe(p, t, 2, &p->err_pipe);
    if (in)
        p->in = tw_stream_writer_new(in, p->flow, NULL);
    if (!tw_future_done(p->made))
        tw_future_set_result(p->made, TW_NONE);
    return NULL;
}

static tw_stream_reader *reader_of(tw_process *p, int fd)
{
    return fd == 1 ? p->out : fd == 2 ? p->err : NULL;
}

static tw_error *proc_pipe_data_received(tw_protocol *pr, int fd, const void *data, size_t len)
{
    tw_stream_reader *r = reader_of(PROCESS(pr), fd);
    if (r)
        tw_stream_reader_feed_data(r, data, len);
    return NULL;
}

static tw_error *proc_pipe_connection_lost(tw_protocol *pr, int fd, tw_error *exc)
{
    tw_process *p = PROCESS(pr);
    tw_stream_reader *r = reader_of(p, fd);
    if (fd == 0) {
        if (p->in)
            tw_stream_writer_close(p->in);
        return tw_protocol_connection_lost(p->flow, exc);
    }
    if (r) {
        if (exc)
            tw_stream_reader_set_exception(r, tw_ref(exc));
        else
            tw_stream_reader_feed_eof(r);
        p->open_pipes--;
    }
    maybe_close_transport(p);
    return NULL;
}

static tw_error *proc_process_exited(tw_protocol *pr)
{
    tw_process *p = PROCESS(pr);
    p->exited = true;
    maybe_close_transport(p);
    return NULL;
}

static tw_error *proc_connection_lost(tw_protocol *pr, tw_error *exc)
{
    return tw_protocol_connection_lost(PROCESS(pr)->flow, exc);
}

static tw_error *proc_pause_writing(tw_protocol *pr)
{
    return tw_protocol_pause_writing(PROCESS(pr)->flow);
}

static tw_error *proc_resume_writing(tw_protocol *pr)
{
    return tw_protocol_resume_writing(PROCESS(pr)->flow);
}

static void proc_destroy(tw_protocol *pr)
{
    tw_unref(PROCESS(pr));
}

static const tw_protocol_class stream_protocol = {
    .name = "SubprocessStreamProtocol",
    .kind = TW_PROTOCOL_SUBPROCESS,
    .connection_made = proc_connection_made,
    .connection_lost = proc_connection_lost,
    .pause_writing = proc_pause_writing,
    .resume_writing = proc_resume_writing,
    .pipe_data_received = proc_pipe_data_received,
    .pipe_connection_lost = proc_pipe_connection_lost,
    .process_exited = proc_process_exited,
    .destroy = proc_destroy,
};
#line 2294 "chapters/tier9-streams.nw"
static void process_finalize(tw_object *o)
{
    tw_process *p = (tw_process *)o;
    tw__stream_reader_detach(p->out);
    tw__stream_reader_detach(p->err);
    tw_unref(p->out);
    tw_unref(p->err);
    tw_unref(p->out_pipe);
    tw_unref(p->err_pipe);
    tw_unref(p->in);
    tw_unref(p->flow);
    tw_unref(p->made);
    tw_unref(p->transport);
    free(p);
}

static void process_describe(tw_object *o, FILE *out)
{
    tw_process *p = (tw_process *)o;
    if (p->transport == NULL)           /* not started yet */
        fprintf(out, "<Process at %p>", (void *)p);
    else
        fprintf(out, "<Process %d>", tw_process_pid(p));
}

static const tw_class process_class = { process_finalize, process_describe, NULL };

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
            tw_transport_close(f->p->transport);
        tw_unref(f->p);
    }
    tw__strv_free(f->argv);
    free(f->cmd);
    free(f->cwd);
    tw__strv_free(f->env);
}

static ptrdiff_t reader_limit(size_t limit)
{
    if (limit == 0)
        return TW_STREAM_LIMIT;
    return limit > PTRDIFF_MAX ? PTRDIFF_MAX : (ptrdiff_t)limit;
}

static tw_step create_body(tw_coro *co)
{
    struct create_frame *f = (struct create_frame *)co;
    tw_loop *L = tw__running;
    tw_process *p;
    tw_protocol *proto;
    tw_error *err;
    TW_BEGIN(co);
    p = f->p = tw__alloc(sizeof *p);
    tw_object_init(&p->obj, &process_class, TW_KIND_OBJECT);
    p->loop = L;
    p->limit = reader_limit(f->options.limit);
    p->made = tw_future_new(L);
    p->flow = tw_stream_protocol_new(NULL, NULL, NULL);
    proto = tw_protocol_new(&stream_protocol, sizeof(struct stream_protocol_of_process));
    PROCESS(proto) = tw_ref(p);
    err = f->shell ? tw_loop_subprocess_shell(L, proto, f->cmd, &f->options, &p->transport)
                   : tw_loop_subprocess_exec(L, proto, (const char *const *)f->argv,
                                             &f->options, &p->transport);
    tw_unref(proto);           /* the transport has its own */
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(f->p->made));
    p = f->p;
    f->p = NULL;
    TW_RETURN(co, TW_PTR(p));
    TW_END(co);
}

static tw_coro *create(bool shell, const char *const *argv, const char *cmd,
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
    return &f->co;
}

tw_coro *tw_create_subprocess_exec(const char *const *argv, const tw_subprocess_options *options)
{
    return create(false, argv, NULL, options);
}

tw_coro *tw_create_subprocess_shell(const char *cmd, const tw_subprocess_options *options)
{
    return create(true, NULL, cmd, options);
}
#line 2414 "chapters/tier9-streams.nw"
int tw_process_pid(const tw_process *p)
{
    return tw_subprocess_transport_get_pid(p->transport);
}

bool tw_process_returncode(const tw_process *p, int *code)
{
    return tw_subprocess_transport_get_returncode(p->transport, code);
}

tw_stream_writer *tw_process_stdin(tw_process *p) { return p->in; }
tw_stream_reader *tw_process_stdout(tw_process *p) { return p->out; }
tw_stream_reader *tw_process_stderr(tw_process *p) { return p->err; }
tw_transport *tw_process_transport(tw_process *p) { return p->transport; }

tw_coro *tw_process_wait(tw_process *p)
{
    return tw_subprocess_transport_wait(p->transport);
}

tw_error *tw_process_send_signal(tw_process *p, int sig)
{
    return tw_subprocess_transport_send_signal(p->transport, sig);
}

tw_error *tw_process_terminate(tw_process *p) { return tw_process_send_signal(p, SIGTERM); }
tw_error *tw_process_kill(tw_process *p) { return tw_process_send_signal(p, SIGKILL); }

#line 2451 "chapters/tier9-streams.nw"
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
    if ((err = tw_stream_writer_write(f->p->in, f->input->data, f->input->len)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->p->in));
    if (TW_ERROR(co) && !child_stopped_reading(TW_ERROR(co)))
        TW_RERAISE(co);
    TW_CLEAR(co);
    tw_stream_writer_close(f->p->in);
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
    TW_AWAIT(co, tw_stream_reader_read(reader_of(f->p, f->fd), -1));
    tw_transport_close(f->fd == 1 ? f->p->out_pipe : f->p->err_pipe);
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static tw_coro *read_stream(tw_process *p, int fd)
{
    struct read_stream_frame *f = tw_coro_new(read_stream_body, sizeof *f);
    f->p = tw_ref(p);
    f->fd = fd;
    f->co.cleanup = read_stream_cleanup;
    return &f->co;
}
#line 2522 "chapters/tier9-streams.nw"
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
    if (f->input && f->p->in) {
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

tw_coro *tw_process_communicate(tw_process *p, const void *input, size_t len,
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
    return &f->co;
}
