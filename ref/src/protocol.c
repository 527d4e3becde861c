#line 516 "chapters/tier8-protocols.nw"
/* protocol.c -- protocols, connections, servers, datagram endpoints */
#include "private.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/stat.h>
#include <unistd.h>

#line 538 "chapters/tier8-protocols.nw"
void tw_protocol_init(tw_protocol *p, const tw_protocol_class *cls)
{
    p->cls = cls;
    p->refs = 1;
    p->heap = false;
}

void *tw_protocol_new(const tw_protocol_class *cls, size_t size)
{
    tw_protocol *p;
    if (size < sizeof *p)
        tw__fatal("tw_protocol_new: object smaller than tw_protocol");
    p = tw__alloc(size);
    tw_protocol_init(p, cls);
    p->heap = true;
    return p;
}

tw_protocol *tw_protocol_ref(tw_protocol *p)
{
    if (p)
        p->refs++;
    return p;
}

void tw_protocol_unref(tw_protocol *p)
{
    if (p == NULL || --p->refs > 0)
        return;
    if (p->cls->destroy)
        p->cls->destroy(p);
    if (p->heap)
        free(p);
}
#line 581 "chapters/tier8-protocols.nw"
#define CALL_OR_NOTHING(p, m, ...) ((p)->cls->m ? (p)->cls->m(__VA_ARGS__) : NULL)

static void abstract(const tw_protocol *p, const char *method) __attribute__((noreturn));

static void abstract(const tw_protocol *p, const char *method)
{
    tw__fatal("%s does not implement %s (NotImplementedError)",
              p->cls->name ? p->cls->name : "the protocol", method);
}

tw_error *tw_protocol_connection_made(tw_protocol *p, tw_transport *t)
{
    return CALL_OR_NOTHING(p, connection_made, p, t);
}

tw_error *tw_protocol_connection_lost(tw_protocol *p, tw_error *exc)
{
    return CALL_OR_NOTHING(p, connection_lost, p, exc);
}

tw_error *tw_protocol_pause_writing(tw_protocol *p) { return CALL_OR_NOTHING(p, pause_writing, p); }
tw_error *tw_protocol_resume_writing(tw_protocol *p) { return CALL_OR_NOTHING(p, resume_writing, p); }
tw_error *tw_protocol_process_exited(tw_protocol *p) { return CALL_OR_NOTHING(p, process_exited, p); }

tw_error *tw_protocol_data_received(tw_protocol *p, const void *data, size_t n)
{
    return CALL_OR_NOTHING(p, data_received, p, data, n);
}

tw_error *tw_protocol_eof_received(tw_protocol *p, bool *keep_open)
{
    *keep_open = false;
    return CALL_OR_NOTHING(p, eof_received, p, keep_open);
}

tw_error *tw_protocol_get_buffer(tw_protocol *p, long sizehint, void **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    if (p->cls->get_buffer == NULL)
        abstract(p, "get_buffer");
    return p->cls->get_buffer(p, sizehint, buf, len);
}

tw_error *tw_protocol_buffer_updated(tw_protocol *p, size_t nbytes)
{
    if (p->cls->buffer_updated == NULL)
        abstract(p, "buffer_updated");
    return p->cls->buffer_updated(p, nbytes);
}

tw_error *tw_protocol_datagram_received(tw_protocol *p, const void *data, size_t n,
                                        const tw_sockaddr *addr)
{
    return CALL_OR_NOTHING(p, datagram_received, p, data, n, addr);
}

tw_error *tw_protocol_error_received(tw_protocol *p, tw_error *exc)
{
    return CALL_OR_NOTHING(p, error_received, p, exc);
}

tw_error *tw_protocol_pipe_data_received(tw_protocol *p, int fd, const void *data, size_t n)
{
    return CALL_OR_NOTHING(p, pipe_data_received, p, fd, data, n);
}

tw_error *tw_protocol_pipe_connection_lost(tw_protocol *p, int fd, tw_error *exc)
{
    return CALL_OR_NOTHING(p, pipe_connection_lost, p, fd, exc);
}
#line 661 "chapters/tier8-protocols.nw"
static tw_error *resolve(const char *host, int port, int family, int socktype, bool passive,
                         struct addrinfo **res)
{
    struct addrinfo hints = { .ai_family = family, .ai_socktype = socktype,
                              .ai_flags = passive ? AI_PASSIVE : 0 };
    char service[16];
    int rc;
    *res = NULL;
    snprintf(service, sizeof service, "%d", port);
    rc = getaddrinfo(host && *host ? host : NULL, service, &hints, res);
    if (rc == EAI_SYSTEM)
        return tw_error_os(errno, NULL);
    if (rc != 0)
        return tw__error_named(tw_error_new(TW_ERR_OS, "[Errno %d] %s", rc, gai_strerror(rc)),
                               "gaierror");
    return NULL;
}

static void addr_from(tw_sockaddr *a, const struct addrinfo *ai)
{
    memset(a, 0, sizeof *a);
    memcpy(&a->u, ai->ai_addr, ai->ai_addrlen);
    a->len = ai->ai_addrlen;
}

static tw_error *unix_addr(tw_sockaddr *a, const char *path)
{
    size_t n = strlen(path);
    memset(a, 0, sizeof *a);
    if (n >= sizeof a->u.un.sun_path)
        return tw_error_new(TW_ERR_OS, "AF_UNIX path too long");
    a->u.un.sun_family = AF_UNIX;
    memcpy(a->u.un.sun_path, path, n + 1);
    a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
    return NULL;
}

static int new_socket(int family, int type, int protocol)
{
    return socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
}

static tw_protocol *make_protocol(tw_protocol_factory factory, void *arg, tw_error **err)
{
    tw_protocol *p = factory(arg);
    *err = p ? NULL : tw_error_new(TW_ERR_RUNTIME, "the protocol factory returned NULL");
    return p;
}
#line 716 "chapters/tier8-protocols.nw"
static tw_error *combined_error(tw_error **errors, size_t n)
{
    size_t len = 0;
    char *msg;
    tw_error *e;
    bool same = true;
    for (size_t i = 1; i < n; i++)
        same = same && strcmp(tw_error_str(errors[i]), tw_error_str(errors[0])) == 0;
    if (same)
        return tw_error_ref(errors[0]);
    for (size_t i = 0; i < n; i++)
        len += strlen(tw_error_str(errors[i])) + 2;
    msg = tw__alloc(len + sizeof "Multiple exceptions: ");
    strcpy(msg, "Multiple exceptions: ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(msg, ", ");
        strcat(msg, tw_error_str(errors[i]));
    }
    e = tw_error_new(TW_ERR_OS, "%s", msg);
    free(msg);
    return e;
}
#line 752 "chapters/tier8-protocols.nw"
struct endpoint {
    tw_coro co;
    tw_loop *loop;
    tw_protocol_factory factory;
    void *arg;
    int fd;
};

struct started {
    tw_coro co;
    tw_transport *transport;
    tw_future *waiter;
    tw_error *err;
};

static void started_cleanup(tw_coro *co)
{
    struct started *f = (struct started *)co;
    tw_unref(f->waiter);
    tw_transport_unref(f->transport);
    tw_error_unref(f->err);
}

static tw_step started_body(tw_coro *co)
{
    struct started *f = (struct started *)co;
    TW_BEGIN(co);
    if (f->err) {
        tw_error *e = f->err;
        f->err = NULL;
        TW_RAISE(co, e);
    }
    TW_AWAIT_TRY(co, tw_ref(f->waiter));
    if (TW_ERROR(co)) {
        tw_transport_close(f->transport);
        TW_RERAISE(co);
    }
    {
        tw_transport *t = f->transport;
        f->transport = NULL;
        TW_RETURN(co, TW_PTR(t));
    }
    TW_END(co);
}

enum made { MADE_STREAM, MADE_DATAGRAM, MADE_READ_PIPE, MADE_WRITE_PIPE };

static void *started(struct endpoint *e, const tw_sockaddr *remote, enum made made)
{
    struct started *f = tw_coro_new(started_body, sizeof *f);
    tw_protocol *p = make_protocol(e->factory, e->arg, &f->err);
    int fd = e->fd;
    f->co.cleanup = started_cleanup;
    e->fd = -1;
    if (p == NULL) {
        close(fd);
        return f;
    }
    f->waiter = tw_future_new(e->loop);
    if (made == MADE_DATAGRAM)
        f->transport = tw__datagram_transport_new(e->loop, fd, p, remote, f->waiter);
    else if (made == MADE_STREAM)
        f->transport = tw__stream_transport_new(e->loop, fd, p, NULL, f->waiter);
    else
        f->transport = tw__pipe_transport_new(e->loop, fd, made == MADE_WRITE_PIPE, p, f->waiter);
    return f;
}

static void endpoint_init(struct endpoint *e, tw_loop *L, tw_protocol_factory factory, void *arg)
{
    e->loop = L;
    e->factory = factory;
    e->arg = arg;
    e->fd = -1;
}
#line 837 "chapters/tier8-protocols.nw"
struct connect_frame {
    struct endpoint e;
    char *host, *path;
    int port;
    struct addrinfo *infos, *ai;
    tw_sockaddr addr;
    tw_error **errors;
    size_t nerrors;
};

static void connect_cleanup(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    if (f->e.fd >= 0)
        close(f->e.fd);
    if (f->infos)
        freeaddrinfo(f->infos);
    for (size_t i = 0; i < f->nerrors; i++)
        tw_error_unref(f->errors[i]);
    free(f->errors);
    free(f->host);
    free(f->path);
}

static void connect_failed(struct connect_frame *f, tw_error *e)
{
    f->errors = tw__realloc(f->errors, (f->nerrors + 1) * sizeof *f->errors);
    f->errors[f->nerrors++] = e;
    if (f->e.fd >= 0)
        close(f->e.fd);
    f->e.fd = -1;
}

static tw_step connect_body(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if (f->e.fd >= 0)
        goto connected;
    if (f->path) {
        if ((err = unix_addr(&f->addr, f->path)) != NULL)
            TW_RAISE(co, err);
        if ((f->e.fd = new_socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
            TW_RAISE(co, tw_error_os(errno, NULL));
        TW_AWAIT(co, tw_sock_connect(f->e.loop, f->e.fd, &f->addr));
        goto connected;
    }
    if ((err = resolve(f->host, f->port, AF_UNSPEC, SOCK_STREAM, false, &f->infos)) != NULL)
        TW_RAISE(co, err);
    for (f->ai = f->infos; f->ai; f->ai = f->ai->ai_next) {
        f->e.fd = new_socket(f->ai->ai_family, f->ai->ai_socktype, f->ai->ai_protocol);
        if (f->e.fd < 0) {
            connect_failed(f, tw_error_os(errno, NULL));
            continue;
        }
        addr_from(&f->addr, f->ai);
        TW_AWAIT_TRY(co, tw_sock_connect(f->e.loop, f->e.fd, &f->addr));
        if (TW_ERROR(co) == NULL)
            goto connected;
        if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
            TW_RERAISE(co);
        connect_failed(f, TW_TAKE_ERROR(co));
    }
    if (f->nerrors == 0)
        TW_RAISE(co, tw_error_new(TW_ERR_OS, "getaddrinfo() returned empty list"));
    TW_RAISE(co, combined_error(f->errors, f->nerrors));
connected:
    TW_AWAIT(co, started(&f->e, NULL, MADE_STREAM));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static struct connect_frame *connect_new(tw_loop *L, tw_protocol_factory factory, void *arg)
{
    struct connect_frame *f = tw_coro_new(connect_body, sizeof *f);
    f->e.co.cleanup = connect_cleanup;
    endpoint_init(&f->e, L, factory, arg);
    return f;
}

void *tw_create_connection(tw_loop *L, tw_protocol_factory factory, void *arg,
                           const char *host, int port)
{
    struct connect_frame *f = connect_new(L, factory, arg);
    f->host = tw__strdup(host);
    f->port = port;
    return f;
}
#line 934 "chapters/tier8-protocols.nw"
static tw_step adopt_body(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    int domain = 0, type = 0;
    socklen_t len = sizeof domain;
    getsockopt(f->e.fd, SOL_SOCKET, SO_DOMAIN, &domain, &len);
    len = sizeof type;
    getsockopt(f->e.fd, SOL_SOCKET, SO_TYPE, &type, &len);
    if (domain != AF_UNIX || type != SOCK_STREAM) {
        f->e.fd = -1;                     /* still the caller's */
        return tw__coro_fail(co, tw_error_new(TW_ERR_VALUE,
                             "A UNIX Domain Stream Socket was expected"));
    }
    fcntl(f->e.fd, F_SETFL, fcntl(f->e.fd, F_GETFL) | O_NONBLOCK);
    co->body = connect_body;
    return connect_body(co);
}

void *tw_create_unix_connection(tw_loop *L, tw_protocol_factory factory, void *arg,
                                const char *path, int sock)
{
    struct connect_frame *f = connect_new(L, factory, arg);
    if (path)
        f->path = tw__strdup(path);
    else {
        f->e.fd = sock;
        f->e.co.body = adopt_body;
    }
    return f;
}
#line 972 "chapters/tier8-protocols.nw"
struct pipe_frame {
    struct endpoint e;
    bool writer;
};

static void pipe_cleanup(tw_coro *co)
{
    struct pipe_frame *f = (struct pipe_frame *)co;
    if (f->e.fd >= 0)
        close(f->e.fd);
}

static tw_step pipe_body(tw_coro *co)
{
    struct pipe_frame *f = (struct pipe_frame *)co;
    struct stat st;
    TW_BEGIN(co);
    if (fstat(f->e.fd, &st) < 0) {
        f->e.fd = -1;
        TW_RAISE(co, tw_error_os(errno, NULL));
    }
    if (!S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) && !S_ISCHR(st.st_mode)) {
        f->e.fd = -1;                     /* still the caller's */
        TW_RAISE(co, tw_error_new(TW_ERR_VALUE,
                                  "Pipe transport is for pipes/sockets/character devices only."));
    }
    fcntl(f->e.fd, F_SETFL, fcntl(f->e.fd, F_GETFL) | O_NONBLOCK);
    TW_AWAIT(co, started(&f->e, NULL, f->writer ? MADE_WRITE_PIPE : MADE_READ_PIPE));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static void *connect_pipe(tw_loop *L, tw_protocol_factory factory, void *arg, int fd,
                          bool writer)
{
    struct pipe_frame *f = tw_coro_new(pipe_body, sizeof *f);
    f->e.co.cleanup = pipe_cleanup;
    endpoint_init(&f->e, L, factory, arg);
    f->e.fd = fd;
    f->writer = writer;
    return f;
}

void *tw_connect_read_pipe(tw_loop *L, tw_protocol_factory factory, void *arg, int fd)
{
    return connect_pipe(L, factory, arg, fd, false);
}

void *tw_connect_write_pipe(tw_loop *L, tw_protocol_factory factory, void *arg, int fd)
{
    return connect_pipe(L, factory, arg, fd, true);
}
#line 1035 "chapters/tier8-protocols.nw"
struct listener {
    struct tw_server *server;
    int fd;
    tw_sockaddr name;
    bool watching;
    tw_handle *retry;
};

struct tw_server {
    int refs;
    tw__resource res;
    tw_loop *loop;
    tw_protocol_factory factory;
    void *arg;
    void (*release_arg)(void *arg);   /* tw__server_adopt_arg (tier 9) */
    struct listener *listeners;
    size_t nlisteners;
    int backlog;
    bool closed, serving, woken;
    size_t active;
    tw_future **waiters;
    size_t nwaiters;
    tw_future *serving_forever;
};

tw_server *tw_server_ref(tw_server *s)
{
    if (s)
        s->refs++;
    return s;
}

void tw_server_unref(tw_server *s)
{
    if (s == NULL || --s->refs > 0)
        return;
    for (size_t i = 0; i < s->nlisteners; i++)
        if (s->listeners[i].fd >= 0)
            close(s->listeners[i].fd);
    for (size_t i = 0; i < s->nwaiters; i++)
        tw_unref(s->waiters[i]);
    free(s->waiters);
    free(s->listeners);
    tw_unref(s->serving_forever);
    if (s->release_arg)
        s->release_arg(s->arg);
    free(s);
}

tw_loop *tw_server_get_loop(const tw_server *s) { return s->loop; }
bool tw_server_is_serving(const tw_server *s) { return s->serving; }
size_t tw_server_nsockets(const tw_server *s) { return s->closed ? 0 : s->nlisteners; }
int tw_server_socket(const tw_server *s, size_t i) { return s->listeners[i].fd; }

const tw_sockaddr *tw_server_sockname(const tw_server *s, size_t i)
{
    return &s->listeners[i].name;
}
#line 1100 "chapters/tier8-protocols.nw"
static void server_wakeup(tw_server *s)
{
    s->woken = true;
    for (size_t i = 0; i < s->nwaiters; i++) {
        if (!tw_future_done(s->waiters[i]))
            tw_future_set_result(s->waiters[i], TW_NONE);
        tw_unref(s->waiters[i]);
    }
    s->nwaiters = 0;
}

void tw__server_attach(tw_server *s)
{
    tw_server_ref(s);
    s->active++;
}

void tw__server_detach(tw_server *s)
{
    if (--s->active == 0 && s->closed)
        server_wakeup(s);
    tw_server_unref(s);
}
#line 1807 "chapters/tier9-streams.nw"
void tw__server_adopt_arg(tw_server *s, void (*release)(void *arg))
{
    s->release_arg = release;
}
#line 1134 "chapters/tier8-protocols.nw"
static tw_error *server_accept(void *arg);

static void listener_watch(struct listener *l, bool on)
{
    tw_loop *L = l->server->loop;
    if (on == l->watching)
        return;
    if (on)
        tw_error_unref(tw__loop_add_passive_reader(L, l->fd, server_accept, l));
    else
        tw__loop_remove_passive_reader(L, l->fd);
    l->watching = on;
}

static tw_error *accept_retry(void *arg)
{
    struct listener *l = arg;
    tw_handle_release(l->retry);
    l->retry = NULL;
    if (l->server->serving)
        listener_watch(l, true);
    return NULL;
}

static bool accept_exhausted(struct listener *l, int e)
{
    tw_error *err;
    tw_context ctx = { .message = "socket.accept() out of system resource" };
    if (e != EMFILE && e != ENFILE && e != ENOBUFS && e != ENOMEM)
        return false;
    err = tw_error_os(e, NULL);
    ctx.error = err;
    tw_loop_call_exception_handler(l->server->loop, &ctx);
    tw_error_unref(err);
    listener_watch(l, false);
    tw_call_later(l->server->loop, 1.0, accept_retry, l, &l->retry);
    return true;
}

static tw_error *server_accept(void *arg)
{
    struct listener *l = arg;
    tw_server *s = l->server;
    for (int i = 0; i < s->backlog; i++) {
        tw_error *err;
        tw_protocol *p;
        int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
                || errno == ECONNABORTED || accept_exhausted(l, errno))
                return NULL;
            return tw_error_os(errno, NULL);
        }
        p = make_protocol(s->factory, s->arg, &err);
        if (err) {
            close(fd);
            return err;
        }
        tw_transport_unref(tw__stream_transport_new(s->loop, fd, p, s, NULL));
    }
    return NULL;
}
#line 1205 "chapters/tier8-protocols.nw"
static void server_start(tw_server *s)
{
    if (s->serving || s->closed)
        return;
    s->serving = true;
    for (size_t i = 0; i < s->nlisteners; i++) {
        listen(s->listeners[i].fd, s->backlog);
        listener_watch(&s->listeners[i], true);
    }
}

void tw_server_close(tw_server *s)
{
    if (s->closed)
        return;
    s->closed = true;
    s->serving = false;
    for (size_t i = 0; i < s->nlisteners; i++) {
        struct listener *l = &s->listeners[i];
        listener_watch(l, false);
        if (l->retry) {
            tw_handle_cancel(l->retry);
            tw_handle_release(l->retry);
            l->retry = NULL;
        }
        close(l->fd);
        l->fd = -1;
    }
    if (s->serving_forever) {
        tw_future_cancel(s->serving_forever, NULL);
        tw_unref(s->serving_forever);
        s->serving_forever = NULL;
    }
    if (s->active == 0)
        server_wakeup(s);
    tw__resource_detach(s->loop, &s->res);
    tw_server_unref(s);                   /* the loop's reference */
}

static void server_loop_closed(tw__resource *r)
{
    tw_server_close((tw_server *)(void *)((char *)r - offsetof(tw_server, res)));
}

void *tw_server_wait_closed(tw_server *s)
{
    tw_future *f = tw_future_new(s->loop);
    if (s->closed || s->woken)
        tw_future_set_result(f, TW_NONE);
    else {
        s->waiters = tw__realloc(s->waiters, (s->nwaiters + 1) * sizeof *s->waiters);
        s->waiters[s->nwaiters++] = tw_ref(f);
    }
    return f;
}
#line 1267 "chapters/tier8-protocols.nw"
struct server_frame {
    tw_coro co;
    tw_server *server;
    tw_future *fut;
    tw_error *cancelled;
};

static void server_frame_cleanup(tw_coro *co)
{
    struct server_frame *f = (struct server_frame *)co;
    if (f->fut && f->server->serving_forever == f->fut) {
        tw_unref(f->server->serving_forever);
        f->server->serving_forever = NULL;
    }
    tw_unref(f->fut);
    tw_error_unref(f->cancelled);
    tw_server_unref(f->server);
}

static void *server_coro(tw_coro_fn body, tw_server *s)
{
    struct server_frame *f = tw_coro_new(body, sizeof *f);
    f->co.cleanup = server_frame_cleanup;
    f->server = tw_server_ref(s);
    return f;
}

static tw_step start_serving_body(tw_coro *co)
{
    TW_BEGIN(co);
    server_start(((struct server_frame *)co)->server);
    TW_YIELD(co);
    TW_END(co);
}

void *tw_server_start_serving(tw_server *s) { return server_coro(start_serving_body, s); }

static tw_step exit_body(tw_coro *co)
{
    struct server_frame *f = (struct server_frame *)co;
    TW_BEGIN(co);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

void *tw_server_exit(tw_server *s) { return server_coro(exit_body, s); }
#line 1322 "chapters/tier8-protocols.nw"
static tw_step serve_forever_body(tw_coro *co)
{
    struct server_frame *f = (struct server_frame *)co;
    tw_server *s = f->server;
    TW_BEGIN(co);
    if (s->serving_forever)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME,
                 "server is already being awaited on serve_forever()"));
    if (s->closed)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "server is closed"));
    server_start(s);
    f->fut = tw_future_new(s->loop);
    s->serving_forever = tw_ref(f->fut);
    TW_AWAIT_TRY(co, tw_ref(f->fut));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    f->cancelled = TW_TAKE_ERROR(co);
    tw_server_close(s);
    TW_AWAIT_TRY(co, tw_server_wait_closed(s));
    {
        tw_error *e = f->cancelled;
        f->cancelled = NULL;
        TW_RAISE(co, e);
    }
    TW_END(co);
}

void *tw_server_serve_forever(tw_server *s) { return server_coro(serve_forever_body, s); }
#line 1360 "chapters/tier8-protocols.nw"
static tw_server *server_new(tw_loop *L, tw_protocol_factory factory, void *arg,
                             const tw_server_options *opt)
{
    tw_server *s = tw__alloc(sizeof *s);
    s->refs = 2;                          /* the creator's and the loop's */
    s->loop = L;
    s->factory = factory;
    s->arg = arg;
    s->backlog = opt && opt->backlog > 0 ? opt->backlog : 100;
    tw__resource_attach(L, &s->res, server_loop_closed);
    return s;
}

static void server_add_socket(tw_server *s, int fd)
{
    struct listener *l;
    s->listeners = tw__realloc(s->listeners, (s->nlisteners + 1) * sizeof *s->listeners);
    l = &s->listeners[s->nlisteners++];
    memset(l, 0, sizeof *l);
    l->server = s;
    l->fd = fd;
    l->name.len = sizeof l->name.u;
    getsockname(fd, &l->name.u.sa, &l->name.len);
}

static tw_error *bind_error(int e, const tw_sockaddr *a)
{
    char buf[TW_ADDRSTRLEN], lower[256];
    size_t i;
    const char *text = strerror(e);
    for (i = 0; text[i] && i + 1 < sizeof lower; i++)
        lower[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
    lower[i] = '\0';
    return tw_error_os(e, "error while attempting to bind on address %s: %s",
                       tw_sockaddr_str(a, buf), lower);
}

static tw_error *bind_tcp(tw_server *s, const char *host, int port, const tw_server_options *opt)
{
    struct addrinfo *infos, *ai;
    tw_error *err = resolve(host, port, opt ? opt->family : AF_UNSPEC, SOCK_STREAM, true, &infos);
    int one = 1;
    if (err)
        return err;
    for (ai = infos; ai && err == NULL; ai = ai->ai_next) {
        tw_sockaddr a;
        int fd = new_socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0)
            continue;                     /* a family this host lacks, as asyncio */
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (opt && opt->reuse_port)
            setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        if (ai->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        addr_from(&a, ai);
        if (bind(fd, &a.u.sa, a.len) < 0) {
            err = bind_error(errno, &a);
            close(fd);
        } else
            server_add_socket(s, fd);
    }
    freeaddrinfo(infos);
    return err;
}
#line 1431 "chapters/tier8-protocols.nw"
static tw_error *bind_unix(tw_server *s, const char *path)
{
    tw_sockaddr a;
    struct stat st;
    int fd;
    tw_error *err = unix_addr(&a, path);
    if (err)
        return err;
    if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode))
        unlink(path);
    if ((fd = new_socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
        return tw_error_os(errno, NULL);
    if (bind(fd, &a.u.sa, a.len) < 0) {
        int e = errno;
        close(fd);
        return e == EADDRINUSE ? tw_error_os(e, "Address '%s' is already in use", path)
                               : tw_error_os(e, NULL);
    }
    server_add_socket(s, fd);
    return NULL;
}

struct create_server_frame {
    tw_coro co;
    tw_loop *loop;
    tw_protocol_factory factory;
    void *arg;
    char *host, *path;
    int port;
    tw_server_options opt;
    tw_server *server;
};

static void create_server_cleanup(tw_coro *co)
{
    struct create_server_frame *f = (struct create_server_frame *)co;
    if (f->server) {
        tw_server_close(f->server);
        tw_server_unref(f->server);
    }
    free(f->host);
    free(f->path);
}

static tw_step create_server_body(tw_coro *co)
{
    struct create_server_frame *f = (struct create_server_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    f->server = server_new(f->loop, f->factory, f->arg, &f->opt);
    err = f->path ? bind_unix(f->server, f->path) : bind_tcp(f->server, f->host, f->port, &f->opt);
    if (err)
        TW_RAISE(co, err);
    if (!f->opt.defer_serving) {
        server_start(f->server);
        TW_YIELD(co);
    }
    {
        tw_server *s = f->server;
        f->server = NULL;
        TW_RETURN(co, TW_PTR(s));
    }
    TW_END(co);
}

static struct create_server_frame *create_server_new(tw_loop *L, tw_protocol_factory factory,
                                                     void *arg, const tw_server_options *opt)
{
    struct create_server_frame *f = tw_coro_new(create_server_body, sizeof *f);
    f->co.cleanup = create_server_cleanup;
    f->loop = L;
    f->factory = factory;
    f->arg = arg;
    if (opt)
        f->opt = *opt;
    return f;
}

void *tw_create_server(tw_loop *L, tw_protocol_factory factory, void *arg,
                       const char *host, int port, const tw_server_options *options)
{
    struct create_server_frame *f = create_server_new(L, factory, arg, options);
    f->host = tw__strdup(host);
    f->port = port;
    return f;
}

void *tw_create_unix_server(tw_loop *L, tw_protocol_factory factory, void *arg,
                            const char *path, const tw_server_options *options)
{
    struct create_server_frame *f = create_server_new(L, factory, arg, options);
    f->path = tw__strdup(path);
    return f;
}
#line 1537 "chapters/tier8-protocols.nw"
struct datagram_frame {
    struct endpoint e;
    tw_datagram_options opt;
    char *local_host, *remote_host;
    struct addrinfo *local, *remote;
    tw_sockaddr raddr;
};

static void datagram_cleanup(tw_coro *co)
{
    struct datagram_frame *f = (struct datagram_frame *)co;
    if (f->e.fd >= 0)
        close(f->e.fd);
    if (f->local)
        freeaddrinfo(f->local);
    if (f->remote)
        freeaddrinfo(f->remote);
    free(f->local_host);
    free(f->remote_host);
}

static tw_error *datagram_socket(struct datagram_frame *f)
{
    const tw_datagram_options *o = &f->opt;
    int family = o->family, one = 1;
    tw_error *err;
    if (f->remote_host == NULL && f->local_host == NULL && family == AF_UNSPEC)
        return tw_error_new(TW_ERR_VALUE, "unexpected address family");
    if (f->remote_host) {
        err = resolve(f->remote_host, o->remote_port, family, SOCK_DGRAM, false, &f->remote);
        if (err)
            return err;
        family = f->remote->ai_family;
        addr_from(&f->raddr, f->remote);
    }
    if (f->local_host) {
        err = resolve(f->local_host, o->local_port, family, SOCK_DGRAM, true, &f->local);
        if (err)
            return err;
        family = f->local->ai_family;
    }
    if ((f->e.fd = new_socket(family, SOCK_DGRAM, 0)) < 0)
        return tw_error_os(errno, NULL);
    if (o->reuse_port)
        setsockopt(f->e.fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (o->allow_broadcast)
        setsockopt(f->e.fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one);
    if (f->local && bind(f->e.fd, f->local->ai_addr, f->local->ai_addrlen) < 0)
        return tw_error_os(errno, NULL);
    return NULL;
}

static tw_step datagram_body(tw_coro *co)
{
    struct datagram_frame *f = (struct datagram_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = datagram_socket(f)) != NULL)
        TW_RAISE(co, err);
    if (f->remote && !f->opt.allow_broadcast)
        TW_AWAIT(co, tw_sock_connect(f->e.loop, f->e.fd, &f->raddr));
    TW_AWAIT(co, started(&f->e, f->remote ? &f->raddr : NULL, MADE_DATAGRAM));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

void *tw_create_datagram_endpoint(tw_loop *L, tw_protocol_factory factory, void *arg,
                                  const tw_datagram_options *options)
{
    struct datagram_frame *f = tw_coro_new(datagram_body, sizeof *f);
    f->e.co.cleanup = datagram_cleanup;
    endpoint_init(&f->e, L, factory, arg);
    if (options) {
        f->opt = *options;
        f->local_host = tw__strdup(options->local_host);
        f->remote_host = tw__strdup(options->remote_host);
    }
    return f;
}
