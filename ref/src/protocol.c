#line 576 "chapters/tier8-protocols.nw"
/* protocol.c -- connections and datagram endpoints */
#include "tier8.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/stat.h>
#include <unistd.h>

#line 619 "chapters/tier8-protocols.nw"
tw_error *tw__unix_addr(tw_sockaddr *a, const char *path)
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

tw_protocol *tw__make_protocol(tw_protocol_factory factory, void *arg, tw_error **err)
{
    tw_protocol *p = factory(arg);
    *err = p ? NULL : tw_error_new(TW_ERR_RUNTIME, "the protocol factory returned NULL");
    return p;
}
#line 650 "chapters/tier8-protocols.nw"
struct endpoint {
    tw_coro co;
    tw_loop *loop;
    tw_protocol_factory factory;
    void *arg;
    int fd;
    tw_tls_options tls;          /* tls.ssl NULL: plain */
    char *hostname;              /* what tls.server_hostname points to */
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
    tw_unref(f->transport);
    tw_unref(f->err);
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

#line 997 "chapters/tier8-protocols.nw"
static void started_tls(struct started *f, struct endpoint *e, int fd, tw_protocol *p)
{
    tw_protocol *sp = tw__ssl_protocol_new(e->loop, p, &e->tls, false, true, f->waiter,
                                           &f->err);
    if (sp == NULL) {
        close(fd);
        return;
    }
    tw_unref(tw__stream_transport_new(e->loop, fd, sp, NULL, NULL));
    f->transport = tw_ref(tw__ssl_app_transport(sp));
}

#line 701 "chapters/tier8-protocols.nw"
static tw_coro *started(struct endpoint *e, const tw_sockaddr *remote, enum made made)
{
    struct started *f = tw_coro_new(started_body, sizeof *f);
    tw_protocol *p = tw__make_protocol(e->factory, e->arg, &f->err);
    int fd = e->fd;
    f->co.cleanup = started_cleanup;
    e->fd = -1;
    if (p == NULL) {
        close(fd);
        return &f->co;
    }
    f->waiter = tw_future_new(e->loop);
    if (made == MADE_STREAM && e->tls.ssl) {
        started_tls(f, e, fd, p);
        return &f->co;
    }
    if (made == MADE_DATAGRAM)
        f->transport = tw__datagram_transport_new(e->loop, fd, p, remote, f->waiter);
    else if (made == MADE_STREAM)
        f->transport = tw__stream_transport_new(e->loop, fd, p, NULL, f->waiter);
    else
        f->transport = tw__pipe_transport_new(e->loop, fd, made == MADE_WRITE_PIPE, p, f->waiter);
    return &f->co;
}

static void endpoint_init(struct endpoint *e, tw_loop *L, tw_protocol_factory factory, void *arg)
{
    e->loop = L;
    e->factory = factory;
    e->arg = arg;
    e->fd = -1;
}
#line 748 "chapters/tier8-protocols.nw"
struct connect_frame {
    struct endpoint e;
    char *host, *path;
    int port;
    bool any_family;                      /* adopting: any stream socket, not only AF_UNIX */
    tw_connect_options options;
    char *local_host;                     /* options.local_host, the frame's copy */
    tw_addrinfo_list *infos, *local;
    tw_sockaddr addr;
    tw_coro_fn then;             /* the body that follows the TLS options' check */
    const char *refused;         /* the ValueError of a path and sock mismatch */
};

static void connect_cleanup(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    if (f->e.fd >= 0)
        close(f->e.fd);
    free(f->infos);
    free(f->local);
    free(f->local_host);
    free(f->host);
    free(f->path);
    tw__tls_options_drop(&f->e.tls, &f->e.hostname);
}

static tw_step connect_body(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if (f->e.fd >= 0)
        goto connected;
    if (f->path) {
        if ((err = tw__unix_addr(&f->addr, f->path)) != NULL)
            TW_RAISE(co, err);
        if ((f->e.fd = tw__new_socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
            TW_RAISE(co, tw_error_os(errno, NULL));
        TW_AWAIT(co, tw_sock_connect(f->e.loop, f->e.fd, &f->addr));
        goto connected;
    }
    TW_AWAIT(co, tw__resolve_host(f->e.loop, f->host, f->port, AF_UNSPEC, SOCK_STREAM, 0));
    f->infos = TW_RESULT(co).p;
    if (f->local_host) {
        TW_AWAIT(co, tw__resolve_host(f->e.loop, f->local_host, f->options.local_port, AF_UNSPEC,
                                      SOCK_STREAM, 0));
        f->local = TW_RESULT(co).p;
        if (f->local->n == 0)
            TW_RAISE(co, tw_error_new(TW_ERR_OS, "getaddrinfo() returned empty list"));
    }
    TW_AWAIT(co, tw_sock_connect_staggered(f->e.loop, f->infos, f->local, &f->options));
    f->e.fd = (int)TW_RESULT(co).i;
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

tw_coro *tw_create_connection_with(tw_loop *L, tw_protocol_factory factory, void *arg,
                                   const char *host, int port,
                                   const tw_connect_options *options)
{
    struct connect_frame *f = connect_new(L, factory, arg);
    f->host = tw__strdup(host);
    f->port = port;
    if (options) {
        f->options = *options;
        f->local_host = options->local_host ? tw__strdup(options->local_host) : NULL;
        f->options.local_host = f->local_host;
    }
    return &f->e.co;
}

tw_coro *tw_create_connection(tw_loop *L, tw_protocol_factory factory, void *arg,
                              const char *host, int port)
{
    return tw_create_connection_with(L, factory, arg, host, port, NULL);
}
#line 846 "chapters/tier8-protocols.nw"
static tw_step adopt_body(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    int domain = 0, type = 0;
    socklen_t len = sizeof domain;
    TW_NAMED(co);
    getsockopt(f->e.fd, SOL_SOCKET, SO_DOMAIN, &domain, &len);
    len = sizeof type;
    getsockopt(f->e.fd, SOL_SOCKET, SO_TYPE, &type, &len);
    if ((domain != AF_UNIX && !f->any_family) || type != SOCK_STREAM) {
        f->e.fd = -1;                     /* still the caller's */
        return tw__coro_fail(co, tw_error_new(TW_ERR_VALUE, f->any_family
                             ? "A Stream Socket was expected"
                             : "A UNIX Domain Stream Socket was expected"));
    }
    fcntl(f->e.fd, F_SETFL, fcntl(f->e.fd, F_GETFL) | O_NONBLOCK);
    co->body = connect_body;
    return connect_body(co);
}

static tw_step refuse_body(tw_coro *co)
{
    return tw__coro_fail(co, tw_error_new(TW_ERR_VALUE, "%s",
                                          ((struct connect_frame *)co)->refused));
}

tw_coro *tw_create_unix_connection(tw_loop *L, tw_protocol_factory factory, void *arg,
                                   const char *path, int sock)
{
    struct connect_frame *f = connect_new(L, factory, arg);
    if (path && sock >= 0)
        f->refused = "path and sock can not be specified at the same time";
    else if (path == NULL && sock < 0)
        f->refused = "no path and sock were specified";
    if (f->refused)
        f->e.co.body = refuse_body;
    else if (path)
        f->path = tw__strdup(path);
    else {
        f->e.fd = sock;
        f->e.co.body = adopt_body;
    }
    return &f->e.co;
}

tw_coro *tw_connect_accepted_socket(tw_loop *L, tw_protocol_factory factory, void *arg, int sock)
{
    struct connect_frame *f = connect_new(L, factory, arg);
    f->e.fd = sock;
    f->e.co.body = adopt_body;
    f->any_family = true;
    return &f->e.co;
}
#line 1016 "chapters/tier8-protocols.nw"
static tw_error *tls_options_check(struct endpoint *e, const char *host, bool unix_socket)
{
    const tw_tls_options *o = &e->tls;
    if (o->ssl == NULL) {
        if (o->server_hostname)
            return tw_error_new(TW_ERR_VALUE, "server_hostname is only meaningful with ssl");
        if (o->ssl_handshake_timeout != 0)
            return tw_error_new(TW_ERR_VALUE,
                                "ssl_handshake_timeout is only meaningful with ssl");
        if (o->ssl_shutdown_timeout != 0)
            return tw_error_new(TW_ERR_VALUE, "ssl_shutdown_timeout is only meaningful with ssl");
        return NULL;
    }
    if (o->server_hostname)
        return NULL;
    if (unix_socket)
        return tw_error_new(TW_ERR_VALUE, "you have to pass server_hostname when using ssl");
    if (host == NULL || *host == '\0')
        return tw_error_new(TW_ERR_VALUE,
                            "You must set server_hostname when using ssl without a host");
    e->hostname = tw__strdup(host);
    e->tls.server_hostname = e->hostname;
    return NULL;
}

static tw_step connect_tls_body(tw_coro *co)
{
    struct connect_frame *f = (struct connect_frame *)co;
    tw_error *err;
    TW_NAMED(co);
    err = tls_options_check(&f->e, f->host, f->host == NULL);
    if (err) {
        f->e.fd = -1;                     /* a socket handed over is still the caller's */
        return tw__coro_fail(co, err);
    }
    co->body = f->then;
    return f->then(co);
}

static tw_coro *with_tls(tw_coro *co, const tw_tls_options *tls)
{
    struct connect_frame *f = (struct connect_frame *)co;
    tw__tls_options_keep(&f->e.tls, &f->e.hostname, tls);
    f->then = co->body;
    co->body = connect_tls_body;
    return co;
}

tw_coro *tw_create_connection_tls(tw_loop *L, tw_protocol_factory factory, void *arg,
                                  const char *host, int port, const tw_tls_options *tls)
{
    return with_tls(tw_create_connection(L, factory, arg, host, port), tls);
}

tw_coro *tw_create_unix_connection_tls(tw_loop *L, tw_protocol_factory factory, void *arg,
                                       const char *path, int sock, const tw_tls_options *tls)
{
    return with_tls(tw_create_unix_connection(L, factory, arg, path, sock), tls);
}
#line 911 "chapters/tier8-protocols.nw"
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

static tw_coro *connect_pipe(tw_loop *L, tw_protocol_factory factory, void *arg, int fd,
                             bool writer)
{
    struct pipe_frame *f = tw_coro_new(pipe_body, sizeof *f);
    f->e.co.cleanup = pipe_cleanup;
    endpoint_init(&f->e, L, factory, arg);
    f->e.fd = fd;
    f->writer = writer;
    return &f->e.co;
}

tw_coro *tw_connect_read_pipe(tw_loop *L, tw_protocol_factory factory, void *arg, int fd)
{
    return connect_pipe(L, factory, arg, fd, false);
}

tw_coro *tw_connect_write_pipe(tw_loop *L, tw_protocol_factory factory, void *arg, int fd)
{
    return connect_pipe(L, factory, arg, fd, true);
}
#line 1091 "chapters/tier8-protocols.nw"
struct datagram_frame {
    struct endpoint e;
    tw_datagram_options opt;
    char *local_host, *remote_host;
    tw_addrinfo_list *local, *remote;
};

static void datagram_cleanup(tw_coro *co)
{
    struct datagram_frame *f = (struct datagram_frame *)co;
    if (f->e.fd >= 0)
        close(f->e.fd);
    free(f->local);
    free(f->remote);
    free(f->local_host);
    free(f->remote_host);
}

static tw_error *datagram_socket(struct datagram_frame *f)
{
    const tw_datagram_options *o = &f->opt;
    int family = o->family, one = 1;
    if (f->remote)
        family = f->remote->ai[0].family;
    if (f->local)
        family = f->local->ai[0].family;
    if ((f->e.fd = tw__new_socket(family, SOCK_DGRAM, 0)) < 0)
        return tw_error_os(errno, NULL);
    if (o->reuse_port)
        setsockopt(f->e.fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (o->allow_broadcast)
        setsockopt(f->e.fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one);
    if (f->local && bind(f->e.fd, &f->local->ai[0].addr.u.sa, f->local->ai[0].addr.len) < 0)
        return tw_error_os(errno, NULL);
    return NULL;
}

static tw_error *check_datagram_socket(const struct datagram_frame *f)
{
    const tw_datagram_options *o = &f->opt;
    int type = 0;
    socklen_t len = sizeof type;
    if (f->local_host || f->remote_host || o->local_port || o->remote_port || o->family
        || o->reuse_port || o->allow_broadcast)
        return tw_error_new(TW_ERR_VALUE, "socket modifier keyword arguments can not be used "
                                          "when sock is specified.");
    if (getsockopt(o->sock, SOL_SOCKET, SO_TYPE, &type, &len) < 0)
        return tw_error_os(errno, NULL);
    if (type != SOCK_DGRAM)
        return tw_error_new(TW_ERR_VALUE, "A UDP Socket was expected");
    return NULL;
}

static tw_step datagram_body(tw_coro *co)
{
    struct datagram_frame *f = (struct datagram_frame *)co;
    tw_error *err;
    TW_BEGIN(co);
    if (f->opt.use_sock) {
        if ((err = check_datagram_socket(f)) != NULL)
            TW_RAISE(co, err);
        fcntl(f->opt.sock, F_SETFL, fcntl(f->opt.sock, F_GETFL) | O_NONBLOCK);
        f->e.fd = f->opt.sock;
        TW_AWAIT(co, started(&f->e, NULL, MADE_DATAGRAM));
        TW_RETURN(co, TW_RESULT(co));
    }
    if (f->remote_host == NULL && f->local_host == NULL && f->opt.family == AF_UNSPEC)
        TW_RAISE(co, tw_error_new(TW_ERR_VALUE, "unexpected address family"));
    if (f->remote_host) {
        TW_AWAIT(co, tw__resolve_host(f->e.loop, f->remote_host, f->opt.remote_port,
                                      f->opt.family, SOCK_DGRAM, 0));
        f->remote = TW_RESULT(co).p;
    }
    if (f->local_host) {
        TW_AWAIT(co, tw__resolve_host(f->e.loop, f->local_host, f->opt.local_port,
                                      f->remote ? f->remote->ai[0].family : f->opt.family,
                                      SOCK_DGRAM, AI_PASSIVE));
        f->local = TW_RESULT(co).p;
    }
    if ((err = datagram_socket(f)) != NULL)
        TW_RAISE(co, err);
    if (f->remote && !f->opt.allow_broadcast)
        TW_AWAIT(co, tw_sock_connect(f->e.loop, f->e.fd, &f->remote->ai[0].addr));
    TW_AWAIT(co, started(&f->e, f->remote ? &f->remote->ai[0].addr : NULL, MADE_DATAGRAM));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw_create_datagram_endpoint(tw_loop *L, tw_protocol_factory factory, void *arg,
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
    return &f->e.co;
}
