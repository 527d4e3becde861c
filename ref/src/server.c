#line 1197 "chapters/tier8-protocols.nw"
/* server.c -- servers: create_server, accepting, serving, closing */
#include "tier8.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>

#line 1223 "chapters/tier8-protocols.nw"
struct listener {
    struct tw_server *server;
    int fd;
    tw_sockaddr name;
    bool watching;
    tw_handle *retry;
};

struct tw_server {
    tw_object obj;
    tw__resource res;
    tw_loop *loop;
    tw_protocol_factory factory;
    void *arg;
    void (*release_arg)(void *arg);   /* tw__server_adopt_arg, or NULL */
    tw__acceptor acceptor;            /* what its transports call */
    struct listener *listeners;
    size_t nlisteners;
    int backlog;
    bool closed, serving, woken;
    size_t active;
    tw_future **waiters;
    size_t nwaiters;
    tw_future *serving_forever;
    tw_tls_options tls;               /* what each accepted connection speaks */
};

static void server_finalize(tw_object *o)
{
    tw_server *s = (tw_server *)o;
    for (size_t i = 0; i < s->nlisteners; i++)
        if (s->listeners[i].fd >= 0)
            close(s->listeners[i].fd);
    for (size_t i = 0; i < s->nwaiters; i++)
        tw_unref(s->waiters[i]);
    free(s->waiters);
    free(s->listeners);
    tw_unref(s->serving_forever);
    tw_unref(s->tls.ssl);
    if (s->release_arg)
        s->release_arg(s->arg);
    free(s);
}

static void server_describe(tw_object *o, FILE *out)
{
    tw_server *s = (tw_server *)o;
    char buf[TW_ADDRSTRLEN];
    fputs("<Server sockets=(", out);
    for (size_t i = 0; i < tw_server_nsockets(s); i++)
        fprintf(out, "%s%s", i ? ", " : "", tw_sockaddr_str(&s->listeners[i].name, buf));
    fputs(")>", out);
}

static const tw_class server_object_class = { server_finalize, server_describe, NULL };

tw_loop *tw_server_get_loop(const tw_server *s) { return s->loop; }
bool tw_server_is_serving(const tw_server *s) { return s->serving; }
size_t tw_server_nsockets(const tw_server *s) { return s->closed ? 0 : s->nlisteners; }
int tw_server_socket(const tw_server *s, size_t i) { return s->listeners[i].fd; }

const tw_sockaddr *tw_server_sockname(const tw_server *s, size_t i)
{
    return &s->listeners[i].name;
}
#line 1303 "chapters/tier8-protocols.nw"
void tw__server_adopt_arg(tw_server *s, void (*release)(void *arg))
{
    s->release_arg = release;
}
#line 1315 "chapters/tier8-protocols.nw"
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

#define SERVER_OF(a) ((tw_server *)(void *)((char *)(a) - offsetof(tw_server, acceptor)))

static void server_attach(tw__acceptor *a)
{
    tw_server *s = SERVER_OF(a);
    tw_ref(s);
    s->active++;
}

static void server_detach(tw__acceptor *a)
{
    tw_server *s = SERVER_OF(a);
    if (--s->active == 0 && s->closed)
        server_wakeup(s);
    tw_unref(s);
}
#line 1353 "chapters/tier8-protocols.nw"
static tw_error *server_accept(void *arg);

static void listener_watch(struct listener *l, bool on)
{
    tw_loop *L = l->server->loop;
    if (on == l->watching)
        return;
    if (on)
        tw_unref(tw__loop_add_passive_reader(L, l->fd, server_accept, l));
    else
        tw__loop_remove_passive_reader(L, l->fd, l);
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
    tw_unref(err);
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
        p = tw__make_protocol(s->factory, s->arg, &err);
        if (err) {
            close(fd);
            return err;
        }
        if (s->tls.ssl && (p = tw__ssl_protocol_new(s->loop, p, &s->tls, true, true, NULL,
                                                    &err)) == NULL) {
            close(fd);
            return err;
        }
        tw_unref(tw__stream_transport_new(s->loop, fd, p, &s->acceptor, NULL));
    }
    return NULL;
}
#line 1436 "chapters/tier8-protocols.nw"
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
    tw_unref(s);                   /* the loop's reference */
}

static void server_loop_closed(tw__resource *r)
{
    tw_server_close((tw_server *)(void *)((char *)r - offsetof(tw_server, res)));
}

tw_future *tw_server_wait_closed(tw_server *s)
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
#line 1498 "chapters/tier8-protocols.nw"
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
    tw_unref(f->cancelled);
    tw_unref(f->server);
}

static tw_coro *server_coro(tw_coro_fn body, tw_server *s)
{
    struct server_frame *f = tw_coro_new(body, sizeof *f);
    f->co.cleanup = server_frame_cleanup;
    f->server = tw_ref(s);
    return &f->co;
}

static tw_step start_serving_body(tw_coro *co)
{
    TW_BEGIN(co);
    server_start(((struct server_frame *)co)->server);
    TW_YIELD(co);
    TW_END(co);
}

tw_coro *tw_server_start_serving(tw_server *s) { return server_coro(start_serving_body, s); }

static tw_step exit_body(tw_coro *co)
{
    struct server_frame *f = (struct server_frame *)co;
    TW_BEGIN(co);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

tw_coro *tw_server_exit(tw_server *s) { return server_coro(exit_body, s); }
#line 1553 "chapters/tier8-protocols.nw"
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

tw_coro *tw_server_serve_forever(tw_server *s) { return server_coro(serve_forever_body, s); }
#line 1594 "chapters/tier8-protocols.nw"
static tw_server *server_new(tw_loop *L, tw_protocol_factory factory, void *arg,
                             const tw_server_options *opt)
{
    tw_server *s = tw__alloc(sizeof *s);
    tw_object_init(&s->obj, &server_object_class, TW_KIND_OBJECT);
    s->obj.refs = 2;                      /* the creator's and the loop's */
    s->loop = L;
    s->factory = factory;
    s->arg = arg;
    s->backlog = opt && opt->backlog > 0 ? opt->backlog : 100;
    s->acceptor.attach = server_attach;
    s->acceptor.detach = server_detach;
    if (opt) {
        s->tls = opt->tls;
        tw_ref(s->tls.ssl);
    }
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

static tw_error *bind_tcp(tw_server *s, const tw_addrinfo_list *infos,
                          const tw_server_options *opt)
{
    tw_error *err = NULL;
    int one = 1;
    for (size_t i = 0; i < infos->n && err == NULL; i++) {
        const tw_addrinfo *ai = &infos->ai[i];
        int fd = tw__new_socket(ai->family, ai->socktype, ai->protocol);
        if (fd < 0)
            continue;                     /* a family this host lacks, as asyncio */
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (opt->reuse_port)
            setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        if (ai->family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        if (bind(fd, &ai->addr.u.sa, ai->addr.len) < 0) {
            err = bind_error(errno, &ai->addr);
            close(fd);
        } else
            server_add_socket(s, fd);
    }
    return err;
}
#line 1668 "chapters/tier8-protocols.nw"
static tw_error *bind_unix(tw_server *s, const char *path)
{
    tw_sockaddr a;
    struct stat st;
    int fd;
    tw_error *err = tw__unix_addr(&a, path);
    if (err)
        return err;
    if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode))
        unlink(path);
    if ((fd = tw__new_socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
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
    bool unix_domain;                     /* create_unix_server's */
    tw_server_options opt;
    tw_addrinfo_list *infos;
    tw_server *server;
};

static void create_server_cleanup(tw_coro *co)
{
    struct create_server_frame *f = (struct create_server_frame *)co;
    if (f->server) {
        tw_server_close(f->server);
        tw_unref(f->server);
    }
    free(f->infos);
    free(f->host);
    free(f->path);
    tw_unref(f->opt.tls.ssl);
}
#line 1725 "chapters/tier8-protocols.nw"
static tw_error *check_own_socket(const struct create_server_frame *f)
{
    int type = 0, domain = 0;
    socklen_t len = sizeof type;
    if (f->host || f->port)
        return tw_error_new(TW_ERR_VALUE, "host/port and sock can not be specified at the same time");
    if (f->path)
        return tw_error_new(TW_ERR_VALUE, "path and sock can not be specified at the same time");
    if (getsockopt(f->opt.sock, SOL_SOCKET, SO_TYPE, &type, &len) < 0)
        return tw_error_os(errno, NULL);
    len = sizeof domain;
    getsockopt(f->opt.sock, SOL_SOCKET, SO_DOMAIN, &domain, &len);
    if (f->unix_domain && (domain != AF_UNIX || type != SOCK_STREAM))
        return tw_error_new(TW_ERR_VALUE, "A UNIX Domain Stream Socket was expected");
    if (type != SOCK_STREAM)
        return tw_error_new(TW_ERR_VALUE, "A Stream Socket was expected");
    return NULL;
}

#line 972 "chapters/tier8-protocols.nw"
static tw_error *server_tls_check(const tw_tls_options *o)
{
    if (o->server_hostname)
        return tw_error_new(TW_ERR_VALUE, "server_hostname is only meaningful for a client");
    if (o->ssl)
        return NULL;
    if (o->ssl_handshake_timeout != 0)
        return tw_error_new(TW_ERR_VALUE, "ssl_handshake_timeout is only meaningful with ssl");
    if (o->ssl_shutdown_timeout != 0)
        return tw_error_new(TW_ERR_VALUE, "ssl_shutdown_timeout is only meaningful with ssl");
    return NULL;
}

#line 1746 "chapters/tier8-protocols.nw"
static tw_step create_server_body(tw_coro *co)
{
    struct create_server_frame *f = (struct create_server_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = server_tls_check(&f->opt.tls)) != NULL)
        TW_RAISE(co, err);
    if (f->opt.use_sock) {
        if ((err = check_own_socket(f)) != NULL)
            TW_RAISE(co, err);
        fcntl(f->opt.sock, F_SETFL, fcntl(f->opt.sock, F_GETFL) | O_NONBLOCK);
        f->server = server_new(f->loop, f->factory, f->arg, &f->opt);
        server_add_socket(f->server, f->opt.sock);
        goto bound;
    }
    if (f->unix_domain && f->path == NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "path was not specified, and no sock specified"));
    if (f->path == NULL) {
        TW_AWAIT(co, tw__resolve_host(f->loop, f->host, f->port, f->opt.family, SOCK_STREAM,
                                      AI_PASSIVE));
        f->infos = TW_RESULT(co).p;
    }
    f->server = server_new(f->loop, f->factory, f->arg, &f->opt);
    err = f->path ? bind_unix(f->server, f->path) : bind_tcp(f->server, f->infos, &f->opt);
    if (err)
        TW_RAISE(co, err);
bound:
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
    tw_ref(f->opt.tls.ssl);
    return f;
}

tw_coro *tw_create_server(tw_loop *L, tw_protocol_factory factory, void *arg,
                          const char *host, int port, const tw_server_options *options)
{
    struct create_server_frame *f = create_server_new(L, factory, arg, options);
    f->host = tw__strdup(host);
    f->port = port;
    return &f->co;
}

tw_coro *tw_create_unix_server(tw_loop *L, tw_protocol_factory factory, void *arg,
                               const char *path, const tw_server_options *options)
{
    struct create_server_frame *f = create_server_new(L, factory, arg, options);
    f->path = tw__strdup(path);
    f->unix_domain = true;
    return &f->co;
}
