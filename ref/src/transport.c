#line 1221 "chapters/tier7-transports.nw"
/* transport.c -- the transport class, calling protocols, socket, pipe and subprocess transports, direct socket operations */
#include "tier7.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <signal.h>
#include <stddef.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#line 1251 "chapters/tier7-transports.nw"
int tw_sockaddr_family(const tw_sockaddr *a)
{
    return a ? a->u.sa.sa_family : AF_UNSPEC;
}

static size_t unix_path_len(const tw_sockaddr *a)
{
    size_t off = offsetof(struct sockaddr_un, sun_path);
    return a->len > off ? strnlen(a->u.un.sun_path, a->len - off) : 0;
}

const char *tw_sockaddr_host(const tw_sockaddr *a, char buf[TW_ADDRSTRLEN])
{
    buf[0] = '\0';
    switch (tw_sockaddr_family(a)) {
    case AF_INET:
        inet_ntop(AF_INET, &a->u.in4.sin_addr, buf, TW_ADDRSTRLEN);
        break;
    case AF_INET6:
        inet_ntop(AF_INET6, &a->u.in6.sin6_addr, buf, TW_ADDRSTRLEN);
        break;
    case AF_UNIX: {
        size_t n = unix_path_len(a);
        memcpy(buf, a->u.un.sun_path, n);
        buf[n] = '\0';
        break;
    }
    default:
        break;
    }
    return buf;
}

int tw_sockaddr_port(const tw_sockaddr *a)
{
    switch (tw_sockaddr_family(a)) {
    case AF_INET:
        return ntohs(a->u.in4.sin_port);
    case AF_INET6:
        return ntohs(a->u.in6.sin6_port);
    default:
        return 0;
    }
}

const char *tw_sockaddr_str(const tw_sockaddr *a, char buf[TW_ADDRSTRLEN])
{
    char host[INET6_ADDRSTRLEN] = "";
    if (tw_sockaddr_family(a) == AF_INET || tw_sockaddr_family(a) == AF_INET6)
        inet_ntop(tw_sockaddr_family(a), a->u.sa.sa_family == AF_INET
                  ? (const void *)&a->u.in4.sin_addr : (const void *)&a->u.in6.sin6_addr,
                  host, sizeof host);
    switch (tw_sockaddr_family(a)) {
    case AF_INET:
        snprintf(buf, TW_ADDRSTRLEN, "('%s', %d)", host, tw_sockaddr_port(a));
        break;
    case AF_INET6:
        snprintf(buf, TW_ADDRSTRLEN, "('%s', %d, %u, %u)", host, tw_sockaddr_port(a),
                 (unsigned)ntohl(a->u.in6.sin6_flowinfo), (unsigned)a->u.in6.sin6_scope_id);
        break;
    case AF_UNIX:
        tw_sockaddr_host(a, buf);
        break;
    default:
        snprintf(buf, TW_ADDRSTRLEN, "None");
        break;
    }
    return buf;
}
#line 1326 "chapters/tier7-transports.nw"
bool tw_sockaddr_equal(const tw_sockaddr *a, const tw_sockaddr *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->u.sa.sa_family != b->u.sa.sa_family)
        return false;
    switch (a->u.sa.sa_family) {
    case AF_INET:
        return a->u.in4.sin_port == b->u.in4.sin_port
            && a->u.in4.sin_addr.s_addr == b->u.in4.sin_addr.s_addr;
    case AF_INET6:
        return a->u.in6.sin6_port == b->u.in6.sin6_port
            && a->u.in6.sin6_flowinfo == b->u.in6.sin6_flowinfo
            && a->u.in6.sin6_scope_id == b->u.in6.sin6_scope_id
            && memcmp(&a->u.in6.sin6_addr, &b->u.in6.sin6_addr, sizeof a->u.in6.sin6_addr) == 0;
    case AF_UNIX:
        return unix_path_len(a) == unix_path_len(b)
            && memcmp(a->u.un.sun_path, b->u.un.sun_path, unix_path_len(a)) == 0;
    default:
        return a->len == b->len && memcmp(&a->u, &b->u, a->len) == 0;
    }
}
#line 1363 "chapters/tier7-transports.nw"
tw_error *tw__error_named(tw_error *e, const char *type)
{
    if (type)
        e->type = (char *)type;
    return e;
}
#line 1379 "chapters/tier7-transports.nw"
static void not_implemented(const char *name, const char *unnamed, const char *method)
    __attribute__((noreturn));

static void not_implemented(const char *name, const char *unnamed, const char *method)
{
    tw__fatal("%s does not implement %s (NotImplementedError)", name ? name : unnamed, method);
}

#define METHOD(t, m) ((t)->cls->m ? (t)->cls->m \
                      : (not_implemented((t)->cls->name, "the transport", #m), (t)->cls->m))

static void transport_finalize(tw_object *o)
{
    tw_transport *t = (tw_transport *)o;
    tw_protocol *p = t->protocol;
    t->protocol = NULL;
    if (t->cls->destroy)
        t->cls->destroy(t);
    tw_unref(p);
}

static void transport_describe(tw_object *o, FILE *out)
{
    tw_transport *t = (tw_transport *)o;
    fprintf(out, "<%s object at %p>", t->cls->name ? t->cls->name : "Transport", (void *)t);
}

static const tw_class transport_object_class = { transport_finalize, transport_describe, NULL };

void tw_transport_init(tw_transport *t, const tw_transport_class *cls, tw_loop *loop,
                       tw_protocol *protocol)
{
    tw_object_init(&t->obj, &transport_object_class, TW_KIND_OBJECT);
    t->cls = cls;
    t->loop = loop;
    t->protocol = protocol;
}

bool tw_transport_is(const tw_transport *t, tw_transport_kind kind)
{
    return (t->cls->kinds & (unsigned)kind) == (unsigned)kind;
}

tw_protocol *tw_transport_get_protocol(const tw_transport *t) { return t->protocol; }

void tw_transport_set_protocol(tw_transport *t, tw_protocol *protocol)
{
    tw_protocol *old = t->protocol;
    t->protocol = protocol;
    tw_unref(old);
}
#line 1433 "chapters/tier7-transports.nw"
void tw_transport_close(tw_transport *t) { METHOD(t, close)(t); }
bool tw_transport_is_closing(const tw_transport *t) { return METHOD(t, is_closing)(t); }
bool tw_transport_is_reading(const tw_transport *t) { return METHOD(t, is_reading)(t); }
void tw_transport_pause_reading(tw_transport *t) { METHOD(t, pause_reading)(t); }
void tw_transport_resume_reading(tw_transport *t) { METHOD(t, resume_reading)(t); }
tw_error *tw_transport_write_eof(tw_transport *t) { return METHOD(t, write_eof)(t); }
bool tw_transport_can_write_eof(const tw_transport *t) { return METHOD(t, can_write_eof)(t); }
void tw_transport_abort(tw_transport *t) { METHOD(t, abort)(t); }

tw_value tw_transport_get_extra_info(tw_transport *t, const char *name, tw_value dflt)
{
    tw_value v;
    if (t->cls->get_extra_info && t->cls->get_extra_info(t, name, &v))
        return v;
    return dflt;
}

tw_error *tw_transport_write(tw_transport *t, const void *data, size_t n)
{
    return METHOD(t, write)(t, data, n);
}

tw_error *tw_transport_writelines(tw_transport *t, const struct iovec *iov, size_t n)
{
    if (t->cls->writelines)
        return t->cls->writelines(t, iov, n);
    for (size_t i = 0; i < n; i++) {
        tw_error *err = METHOD(t, write)(t, iov[i].iov_base, iov[i].iov_len);
        if (err)
            return err;
    }
    return NULL;
}

size_t tw_transport_get_write_buffer_size(const tw_transport *t)
{
    return METHOD(t, get_write_buffer_size)(t);
}

void tw_transport_get_write_buffer_limits(const tw_transport *t, size_t *low, size_t *high)
{
    METHOD(t, get_write_buffer_limits)(t, low, high);
}

tw_error *tw_transport_set_write_buffer_limits(tw_transport *t, long high, long low)
{
    return METHOD(t, set_write_buffer_limits)(t, high, low);
}

tw_error *tw_transport_sendto(tw_transport *t, const void *data, size_t n,
                              const tw_sockaddr *addr)
{
    return METHOD(t, sendto)(t, data, n, addr);
}
#line 1494 "chapters/tier7-transports.nw"
int tw_subprocess_transport_get_pid(const tw_transport *t) { return METHOD(t, get_pid)(t); }

bool tw_subprocess_transport_get_returncode(const tw_transport *t, int *code)
{
    return METHOD(t, get_returncode)(t, code);
}

tw_transport *tw_subprocess_transport_get_pipe_transport(tw_transport *t, int fd)
{
    return METHOD(t, get_pipe_transport)(t, fd);
}

tw_error *tw_subprocess_transport_send_signal(tw_transport *t, int sig)
{
    return METHOD(t, send_signal)(t, sig);
}

tw_error *tw_subprocess_transport_terminate(tw_transport *t)
{
    return tw_subprocess_transport_send_signal(t, SIGTERM);
}

tw_error *tw_subprocess_transport_kill(tw_transport *t)
{
    return tw_subprocess_transport_send_signal(t, SIGKILL);
}
#line 1530 "chapters/tier7-transports.nw"
static void protocol_finalize(tw_object *o)
{
    tw_protocol *p = (tw_protocol *)o;
    if (p->cls->destroy)
        p->cls->destroy(p);
    if (p->heap)
        free(p);
}

static void protocol_describe(tw_object *o, FILE *out)
{
    tw_protocol *p = (tw_protocol *)o;
    fprintf(out, "<%s object at %p>", p->cls->name ? p->cls->name : "Protocol", (void *)p);
}

static const tw_class protocol_object_class = { protocol_finalize, protocol_describe, NULL };

void tw_protocol_init(tw_protocol *p, const tw_protocol_class *cls)
{
    tw_object_init(&p->obj, &protocol_object_class, TW_KIND_OBJECT);
    p->cls = cls;
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

#line 1574 "chapters/tier7-transports.nw"
#define CALL_OR_NOTHING(p, m, ...) ((p)->cls->m ? (p)->cls->m(__VA_ARGS__) : NULL)

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
        not_implemented(p->cls->name, "the protocol", "get_buffer");
    return p->cls->get_buffer(p, sizehint, buf, len);
}

tw_error *tw_protocol_buffer_updated(tw_protocol *p, size_t nbytes)
{
    if (p->cls->buffer_updated == NULL)
        not_implemented(p->cls->name, "the protocol", "buffer_updated");
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
#line 1654 "chapters/tier7-transports.nw"
enum { READ_SIZE = 65536, DEFAULT_HIGH = 65536, WARN_WRITES_AFTER_LOSS = 5 };

struct sock {
    tw_transport base;
    tw__resource res;
    int fd;
    bool closing, reading_paused, reader_on, writer_on, protocol_paused, protocol_connected;
    int conn_lost;
    size_t buffered, high, low;
    tw_error *lost_exc;
    tw_future *waiter;
    tw__acceptor *acceptor;
    tw_callback_fn on_readable, on_writable;
    void (*discard)(struct sock *s, bool release);
    tw_sockaddr sockname, peername;
    bool has_sockname, has_peername;
};

#define SOCK(t) ((struct sock *)(void *)(t))

static bool again(int e) { return e == EAGAIN || e == EWOULDBLOCK || e == EINTR; }
#line 1705 "chapters/tier7-transports.nw"
static void sock_force_close(struct sock *s, tw_error *exc);

static void sock_watch(struct sock *s, bool writer, bool on)
{
    tw_loop *L = s->base.loop;
    bool *state = writer ? &s->writer_on : &s->reader_on;
    tw_error *err = NULL;
    if (on == *state || s->fd < 0)
        return;
    if (on && writer)
        err = tw_loop_add_writer(L, s->fd, s->on_writable, s);
    else if (on)
        err = tw__loop_add_passive_reader(L, s->fd, s->on_readable, s);
    else if (writer)
        tw_loop_remove_writer(L, s->fd);
    else
        tw__loop_remove_passive_reader(L, s->fd, s);
    if (err) {
        sock_force_close(s, err);
        return;
    }
    *state = on;
}

static void sock_watch_read(struct sock *s, bool on) { sock_watch(s, false, on); }
static void sock_watch_write(struct sock *s, bool on) { sock_watch(s, true, on); }
#line 1743 "chapters/tier7-transports.nw"
static void sock_loop_closed(tw__resource *r);
static tw_error *sock_set_limits(tw_transport *t, long high, long low);

static tw_error *sock_start(void *arg)
{
    struct sock *s = arg;
    tw_error *err = tw_protocol_connection_made(s->base.protocol, &s->base);
    if (!s->closing && !s->reading_paused)
        sock_watch_read(s, true);
    if (s->waiter) {
        if (!tw_future_done(s->waiter))
            tw_future_set_result(s->waiter, TW_NONE);
        tw_unref(s->waiter);
        s->waiter = NULL;
    }
    return err;
}

static void sock_init(struct sock *s, const tw_transport_class *cls, tw_loop *L, int fd,
                      tw_protocol *protocol, tw__acceptor *acceptor, tw_future *waiter)
{
    tw_transport_init(&s->base, cls, L, protocol);
    s->base.obj.refs = 2;                     /* the caller's and the loop's */
    s->fd = fd;
    s->sockname.len = sizeof s->sockname.u;
    s->has_sockname = getsockname(fd, &s->sockname.u.sa, &s->sockname.len) == 0;
    s->peername.len = sizeof s->peername.u;
    s->has_peername = getpeername(fd, &s->peername.u.sa, &s->peername.len) == 0;
    s->protocol_connected = true;
    s->waiter = waiter ? tw_ref(waiter) : NULL;
    s->acceptor = acceptor;
    if (acceptor)
        acceptor->attach(acceptor);
    tw_unref(sock_set_limits(&s->base, TW_LIMIT_DEFAULT, TW_LIMIT_DEFAULT));
    tw__resource_attach(L, &s->res, sock_loop_closed);
    tw__schedule(L, sock_start, s, NULL);
}
#line 1790 "chapters/tier7-transports.nw"
static void sock_release(struct sock *s)
{
    if (s->fd >= 0) {
        sock_watch_read(s, false);
        sock_watch_write(s, false);
        close(s->fd);
        s->fd = -1;
    }
    if (s->acceptor) {
        s->acceptor->detach(s->acceptor);
        s->acceptor = NULL;
    }
    tw__resource_detach(s->base.loop, &s->res);
}

static tw_error *sock_connection_lost(struct sock *s)
{
    tw_error *exc = s->lost_exc, *err = NULL;
    s->lost_exc = NULL;
    if (s->protocol_connected)
        err = tw_protocol_connection_lost(s->base.protocol, exc);
    s->protocol_connected = false;
    tw_unref(exc);
    sock_release(s);
    tw_unref(&s->base);
    return err;
}

static tw_error *sock_lost_callback(void *arg)
{
    return sock_connection_lost(arg);
}

static void sock_loop_closed(tw__resource *r)
{
    struct sock *s = (struct sock *)(void *)((char *)r - offsetof(struct sock, res));
    s->closing = true;
    s->conn_lost++;
    s->discard(s, false);
    s->buffered = 0;
    sock_release(s);
    tw_unref(&s->base);
}
#line 1842 "chapters/tier7-transports.nw"
static void sock_close(tw_transport *t)
{
    struct sock *s = SOCK(t);
    if (s->closing)
        return;
    s->closing = true;
    sock_watch_read(s, false);
    if (s->buffered == 0) {
        s->conn_lost++;
        sock_watch_write(s, false);
        tw__schedule(t->loop, sock_lost_callback, s, NULL);
    }
}

static void sock_force_close(struct sock *s, tw_error *exc)
{
    if (s->conn_lost) {
        tw_unref(exc);
        return;
    }
    if (s->buffered) {
        s->discard(s, false);
        s->buffered = 0;
        sock_watch_write(s, false);
    }
    if (!s->closing) {
        s->closing = true;
        sock_watch_read(s, false);
    }
    s->conn_lost++;
    s->lost_exc = exc;
    tw__schedule(s->base.loop, sock_lost_callback, s, NULL);
}

static void sock_abort(tw_transport *t) { sock_force_close(SOCK(t), NULL); }

static void sock_report(struct sock *s, tw_error *exc, const char *message)
{
    const tw_protocol_class *pc = s->base.protocol ? s->base.protocol->cls : NULL;
    tw_context_item items[2] = {
        { "transport", s->base.cls->name },
        { "protocol", pc && pc->name ? pc->name : "protocol" },
    };
    tw_context ctx = { .message = message, .error = exc, .nitems = 2, .items = items };
    tw_loop_call_exception_handler(s->base.loop, &ctx);
}

static void sock_fatal_error(struct sock *s, tw_error *exc, const char *message)
{
    if (!tw_error_is(exc, TW_ERR_OS))
        sock_report(s, exc, message);
    sock_force_close(s, exc);
}

static bool sock_is_closing(const tw_transport *t) { return SOCK(t)->closing; }
#line 1903 "chapters/tier7-transports.nw"
static bool sock_get_extra_info(tw_transport *t, const char *name, tw_value *v)
{
    struct sock *s = SOCK(t);
    if (strcmp(name, "peername") == 0)
        *v = s->has_peername ? TW_PTR(&s->peername) : TW_NONE;
    else if (strcmp(name, "sockname") == 0)
        *v = s->has_sockname ? TW_PTR(&s->sockname) : TW_NONE;
    else if (strcmp(name, "socket") == 0)
        *v = TW_INT(s->fd);
    else
        return false;
    return true;
}
#line 1932 "chapters/tier7-transports.nw"
static void sock_maybe_pause(struct sock *s)
{
    tw_error *err;
    if (s->buffered <= s->high || s->protocol_paused)
        return;
    s->protocol_paused = true;
    err = tw_protocol_pause_writing(s->base.protocol);
    if (err) {
        sock_report(s, err, "protocol.pause_writing() failed");
        tw_unref(err);
    }
}

static void sock_maybe_resume(struct sock *s)
{
    tw_error *err;
    if (!s->protocol_paused || s->buffered > s->low)
        return;
    s->protocol_paused = false;
    err = tw_protocol_resume_writing(s->base.protocol);
    if (err) {
        sock_report(s, err, "protocol.resume_writing() failed");
        tw_unref(err);
    }
}

tw_error *tw__flow_limits(long *high, long *low, long default_high)
{
    if (*high == TW_LIMIT_DEFAULT)
        *high = *low == TW_LIMIT_DEFAULT ? default_high
              : *low > LONG_MAX / 4 ? LONG_MAX : 4 * *low;
    if (*low == TW_LIMIT_DEFAULT)
        *low = *high >= 0 ? *high / 4 : -((3 - *high) / 4);
    if (!(*high >= *low && *low >= 0))
        return tw_error_new(TW_ERR_VALUE, "high (%ld) must be >= low (%ld) must be >= 0",
                            *high, *low);
    return NULL;
}

static tw_error *sock_set_limits(tw_transport *t, long high, long low)
{
    struct sock *s = SOCK(t);
    tw_error *err = tw__flow_limits(&high, &low, DEFAULT_HIGH);
    if (err)
        return err;
    s->high = (size_t)high;
    s->low = (size_t)low;
    sock_maybe_pause(s);
    return NULL;
}

static void sock_get_limits(const tw_transport *t, size_t *low, size_t *high)
{
    *low = SOCK(t)->low;
    *high = SOCK(t)->high;
}

static size_t sock_buffer_size(const tw_transport *t) { return SOCK(t)->buffered; }
static bool sock_writing_paused(const tw_transport *t) { return SOCK(t)->protocol_paused; }

static bool sock_is_reading(const tw_transport *t)
{
    return !SOCK(t)->reading_paused && !SOCK(t)->closing;
}

static void sock_pause_reading(tw_transport *t)
{
    if (!sock_is_reading(t))
        return;
    SOCK(t)->reading_paused = true;
    sock_watch_read(SOCK(t), false);
}

static void sock_resume_reading(tw_transport *t)
{
    if (SOCK(t)->closing || !SOCK(t)->reading_paused)
        return;
    SOCK(t)->reading_paused = false;
    sock_watch_read(SOCK(t), true);
}
#line 2019 "chapters/tier7-transports.nw"
static bool sock_write_dropped(struct sock *s)
{
    if (!s->conn_lost)
        return false;
    if (s->conn_lost >= WARN_WRITES_AFTER_LOSS) {
        fflush(stdout);
        fprintf(stderr, "socket.send() raised exception.\n");
    }
    s->conn_lost++;
    return true;
}
#line 2054 "chapters/tier7-transports.nw"
static tw__loop_key read_buffer_key;

static char *read_buffer(tw_loop *L)
{
    return tw__loop_state(L, &read_buffer_key, READ_SIZE, NULL);
}
#line 2063 "chapters/tier7-transports.nw"
struct stream {
    struct sock s;
    bool eof;
    char *wbuf;
    size_t wstart, wcap;
    tw_future *empty_waiter;              /* loop.sendfile's: done when wbuf is empty */
    ssize_t (*send)(int fd, const struct iovec *iov, size_t cnt);
    tw_error *(*on_eof)(struct sock *s);
};

static void stream_discard(struct sock *s, bool release)
{
    struct stream *st = (struct stream *)s;
    st->wstart = 0;
    if (st->empty_waiter && !tw_future_done(st->empty_waiter))
        tw_future_set_exception(st->empty_waiter,
                                tw_error_new(TW_ERR_CONNECTION, "Connection is closed by peer"));
    if (release) {
        free(st->wbuf);
        st->wbuf = NULL;
    }
}

static void stream_append(struct stream *st, const struct iovec *iov, size_t cnt, size_t skip)
{
    size_t add = 0, len = st->s.buffered;
    for (size_t i = 0; i < cnt; i++)
        add += iov[i].iov_len;
    add -= skip;
    if (st->wstart + len + add > st->wcap) {
        if (st->wstart)
            memmove(st->wbuf, st->wbuf + st->wstart, len);
        st->wstart = 0;
        if (len + add > st->wcap) {
            size_t cap = st->wcap ? 2 * st->wcap : 65536;
            while (cap < len + add)
                cap *= 2;
            st->wbuf = tw__realloc(st->wbuf, cap);
            st->wcap = cap;
        }
    }
    for (size_t i = 0; i < cnt; i++) {
        size_t n = iov[i].iov_len;
        const char *p = iov[i].iov_base;
        if (skip >= n) {
            skip -= n;
            continue;
        }
        memcpy(st->wbuf + st->wstart + st->s.buffered, p + skip, n - skip);
        st->s.buffered += n - skip;
        skip = 0;
    }
}
#line 2128 "chapters/tier7-transports.nw"
static tw_error write_after_eof = TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError",
    "Cannot call write() after write_eof()");

static ssize_t send_iov(int fd, const struct iovec *iov, size_t cnt)
{
    struct msghdr msg = { .msg_iov = (struct iovec *)iov,
                          .msg_iovlen = cnt < IOV_MAX ? cnt : IOV_MAX };
    return sendmsg(fd, &msg, MSG_NOSIGNAL);
}

static tw_error *stream_writelines(tw_transport *t, const struct iovec *iov, size_t cnt)
{
    struct stream *st = (struct stream *)t;
    struct sock *s = &st->s;
    size_t total = 0, sent = 0;
    if (st->eof)
        return &write_after_eof;
    if (st->empty_waiter)
        return tw_error_new(TW_ERR_RUNTIME, "unable to write; sendfile is in progress");
    for (size_t i = 0; i < cnt; i++)
        total += iov[i].iov_len;
    if (total == 0 || sock_write_dropped(s))
        return NULL;
    if (s->buffered == 0) {
        ssize_t k = st->send(s->fd, iov, cnt);
        if (k < 0 && !again(errno)) {
            sock_fatal_error(s, tw_error_os(errno, NULL), "Fatal write error on socket transport");
            return NULL;
        }
        sent = k < 0 ? 0 : (size_t)k;
        if (sent == total)
            return NULL;
        sock_watch_write(s, true);
        if (s->conn_lost)
            return NULL;
    }
    stream_append(st, iov, cnt, sent);
    sock_maybe_pause(s);
    return NULL;
}

static tw_error *stream_write(tw_transport *t, const void *data, size_t n)
{
    struct iovec iov = { (void *)data, n };
    return stream_writelines(t, &iov, 1);
}
#line 2194 "chapters/tier7-transports.nw"
static tw_error *stream_writable(void *arg)
{
    struct stream *st = arg;
    struct sock *s = &st->s;
    struct iovec rest;
    ssize_t k;
    if (s->conn_lost || s->buffered == 0)
        return NULL;
    rest.iov_base = st->wbuf + st->wstart;
    rest.iov_len = s->buffered;
    k = st->send(s->fd, &rest, 1);
    if (k < 0) {
        if (again(errno))
            return NULL;
        sock_watch_write(s, false);
        stream_discard(s, false);
        s->buffered = 0;
        sock_fatal_error(s, tw_error_os(errno, NULL), "Fatal write error on socket transport");
        return NULL;
    }
    st->wstart += (size_t)k;
    s->buffered -= (size_t)k;
    if (s->buffered == 0)
        st->wstart = 0;
    if (s->buffered == 0 && st->empty_waiter && !tw_future_done(st->empty_waiter))
        tw_future_set_result(st->empty_waiter, TW_NONE);
    sock_maybe_resume(s);
    if (s->conn_lost)
        return NULL;                      /* closed or aborted by resume_writing */
    if (s->buffered == 0) {
        sock_watch_write(s, false);
        if (s->closing) {
            s->conn_lost++;
            return sock_connection_lost(s);
        }
        if (st->eof)
            shutdown(s->fd, SHUT_WR);
    }
    return NULL;
}

static tw_error *stream_write_eof(tw_transport *t)
{
    struct stream *st = (struct stream *)t;
    if (st->s.closing || st->eof)
        return NULL;
    st->eof = true;
    if (st->s.buffered == 0)
        shutdown(st->s.fd, SHUT_WR);
    return NULL;
}

static bool stream_can_write_eof(const tw_transport *t)
{
    (void)t;
    return true;
}
#line 2260 "chapters/tier7-transports.nw"
static tw_error *stream_eof(struct sock *s)
{
    bool keep_open = false;
    tw_error *err = tw_protocol_eof_received(s->base.protocol, &keep_open);
    if (err)
        sock_fatal_error(s, err, "Fatal error: protocol.eof_received() call failed.");
    else if (keep_open)
        sock_watch_read(s, false);
    else
        sock_close(&s->base);
    return NULL;
}

static tw_error *stream_readable(void *arg)
{
    struct sock *s = arg;
    tw_protocol *p = s->base.protocol;
    bool buffered = p->cls->kind == TW_PROTOCOL_BUFFERED;
    void *buf;
    size_t len;
    ssize_t n;
    tw_error *err;
    if (s->conn_lost)
        return NULL;
    if (buffered) {
        err = tw_protocol_get_buffer(p, -1, &buf, &len);
        if (err == NULL && len == 0)
            err = tw_error_new(TW_ERR_RUNTIME, "get_buffer() returned an empty buffer");
        if (err) {
            sock_fatal_error(s, err, "Fatal error: protocol.get_buffer() call failed.");
            return NULL;
        }
    } else {
        buf = read_buffer(s->base.loop);
        len = READ_SIZE;
    }
    n = read(s->fd, buf, len);
    if (n < 0) {
        if (!again(errno))
            sock_fatal_error(s, tw_error_os(errno, NULL), "Fatal read error on socket transport");
        return NULL;
    }
    if (n == 0)
        return ((struct stream *)s)->on_eof(s);
    if (buffered) {
        err = tw_protocol_buffer_updated(p, (size_t)n);
        if (err)
            sock_fatal_error(s, err, "Fatal error: protocol.buffer_updated() call failed.");
    } else {
        err = tw_protocol_data_received(p, buf, (size_t)n);
        if (err)
            sock_fatal_error(s, err, "Fatal error: protocol.data_received() call failed.");
    }
    return NULL;
}
#line 2329 "chapters/tier7-transports.nw"
static void sock_destroy(tw_transport *t)
{
    struct sock *s = SOCK(t);
    s->discard(s, true);
    tw_unref(s->lost_exc);
    tw_unref(s->waiter);
    free(s);
}

static const tw_transport_class stream_class = {
    .name = "_SelectorSocketTransport",
    .kinds = TW_TRANSPORT_STREAM,
    .close = sock_close,
    .is_closing = sock_is_closing,
    .get_extra_info = sock_get_extra_info,
    .is_reading = sock_is_reading,
    .pause_reading = sock_pause_reading,
    .resume_reading = sock_resume_reading,
    .write = stream_write,
    .writelines = stream_writelines,
    .write_eof = stream_write_eof,
    .can_write_eof = stream_can_write_eof,
    .abort = sock_abort,
    .get_write_buffer_size = sock_buffer_size,
    .get_write_buffer_limits = sock_get_limits,
    .set_write_buffer_limits = sock_set_limits,
    .writing_paused = sock_writing_paused,
    .destroy = sock_destroy,
};

tw_transport *tw__stream_transport_new(tw_loop *L, int fd, tw_protocol *protocol,
                                       tw__acceptor *acceptor, tw_future *waiter)
{
    struct stream *st = tw__alloc(sizeof *st);
    int one = 1;
    st->s.on_readable = stream_readable;
    st->s.on_writable = stream_writable;
    st->s.discard = stream_discard;
    st->send = send_iov;
    st->on_eof = stream_eof;
    sock_init(&st->s, &stream_class, L, fd, protocol, acceptor, waiter);
    if (st->s.sockname.u.sa.sa_family == AF_INET || st->s.sockname.u.sa.sa_family == AF_INET6)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return &st->s.base;
}
#line 2387 "chapters/tier7-transports.nw"
void tw__transport_force_close(tw_transport *t, tw_error *exc)
{
    if (t->cls->abort == sock_abort) {
        sock_force_close(SOCK(t), exc);
        return;
    }
    tw_unref(exc);
    tw_transport_abort(t);
}
#line 2408 "chapters/tier7-transports.nw"
struct packet {
    struct packet *next;
    tw_sockaddr addr;
    bool has_addr;
    size_t n;
    char data[];
};

struct dgram {
    struct sock s;
    struct packet *head, *tail;
    tw_sockaddr address;
    bool has_address;
};

static void dgram_discard(struct sock *s, bool release)
{
    struct dgram *d = (struct dgram *)s;
    (void)release;
    while (d->head) {
        struct packet *p = d->head;
        d->head = p->next;
        free(p);
    }
    d->tail = NULL;
}

static tw_error *dgram_error(struct sock *s, int errnum)
{
    tw_error *exc = tw_error_os(errnum, NULL);
    tw_error *err = tw_protocol_error_received(s->base.protocol, exc);
    tw_unref(exc);
    return err;
}

static tw_error *dgram_readable(void *arg)
{
    struct sock *s = arg;
    tw_sockaddr from;
    char *buf = read_buffer(s->base.loop);
    ssize_t n;
    tw_error *err;
    if (s->conn_lost)
        return NULL;
    from.len = sizeof from.u;
    n = recvfrom(s->fd, buf, READ_SIZE, 0, &from.u.sa, &from.len);
    if (n < 0)
        return again(errno) ? NULL : dgram_error(s, errno);
    err = tw_protocol_datagram_received(s->base.protocol, buf, (size_t)n, &from);
    if (err)
        sock_fatal_error(s, err, "Fatal error: protocol.datagram_received() call failed.");
    return NULL;
}
#line 2464 "chapters/tier7-transports.nw"
static ssize_t dgram_send(struct dgram *d, const void *data, size_t n, const tw_sockaddr *addr)
{
    if (addr)
        return sendto(d->s.fd, data, n, MSG_NOSIGNAL, &addr->u.sa, addr->len);
    return send(d->s.fd, data, n, MSG_NOSIGNAL);
}

static tw_error *dgram_sendto(tw_transport *t, const void *data, size_t n,
                              const tw_sockaddr *addr)
{
    struct dgram *d = (struct dgram *)t;
    struct packet *p;
    if (n == 0)
        return NULL;
    if (d->has_address) {
        if (addr && !tw_sockaddr_equal(addr, &d->address)) {
            char buf[TW_ADDRSTRLEN];
            return tw_error_new(TW_ERR_VALUE, "Invalid address: must be None or %s",
                                tw_sockaddr_str(&d->address, buf));
        }
        addr = d->s.has_peername ? NULL : &d->address;
    }
    if (sock_write_dropped(&d->s))
        return NULL;
    if (d->head == NULL) {
        if (dgram_send(d, data, n, addr) >= 0)
            return NULL;
        if (!again(errno))
            return dgram_error(&d->s, errno);
        sock_watch_write(&d->s, true);
    }
    p = tw__alloc(sizeof *p + n);
    if (addr) {
        p->addr = *addr;
        p->has_addr = true;
    }
    p->n = n;
    memcpy(p->data, data, n);
    if (d->tail)
        d->tail->next = p;
    else
        d->head = p;
    d->tail = p;
    d->s.buffered += n;
    sock_maybe_pause(&d->s);
    return NULL;
}

static tw_error *dgram_writable(void *arg)
{
    struct dgram *d = arg;
    struct sock *s = &d->s;
    tw_error *err = NULL;
    while (d->head && err == NULL) {
        struct packet *p = d->head;
        if (dgram_send(d, p->data, p->n, p->has_addr ? &p->addr : NULL) < 0) {
            if (again(errno))
                return NULL;
            err = dgram_error(s, errno);
        }
        d->head = p->next;
        if (d->head == NULL)
            d->tail = NULL;
        s->buffered -= p->n;
        free(p);
    }
    sock_maybe_resume(s);
    if (s->conn_lost)
        return err;                       /* as for streams */
    if (d->head == NULL) {
        sock_watch_write(s, false);
        if (s->closing && err == NULL) {
            s->conn_lost++;
            return sock_connection_lost(s);
        }
    }
    return err;
}
#line 2545 "chapters/tier7-transports.nw"
static const tw_transport_class dgram_class = {
    .name = "_SelectorDatagramTransport",
    .kinds = TW_TRANSPORT_DATAGRAM,
    .close = sock_close,
    .is_closing = sock_is_closing,
    .get_extra_info = sock_get_extra_info,
    .abort = sock_abort,
    .get_write_buffer_size = sock_buffer_size,
    .get_write_buffer_limits = sock_get_limits,
    .set_write_buffer_limits = sock_set_limits,
    .sendto = dgram_sendto,
    .destroy = sock_destroy,
};

tw_transport *tw__datagram_transport_new(tw_loop *L, int fd, tw_protocol *protocol,
                                         const tw_sockaddr *address, tw_future *waiter)
{
    struct dgram *d = tw__alloc(sizeof *d);
    d->s.on_readable = dgram_readable;
    d->s.on_writable = dgram_writable;
    d->s.discard = dgram_discard;
    if (address) {
        d->address = *address;
        d->has_address = true;
    }
    sock_init(&d->s, &dgram_class, L, fd, protocol, NULL, waiter);
    return &d->s.base;
}
#line 2590 "chapters/tier7-transports.nw"
static ssize_t write_quietly(int fd, const void *data, size_t len)
{
    sigset_t pipe_only, old, pending;
    ssize_t n;
    int e;
    bool was_pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    sigpending(&pending);
    was_pending = sigismember(&pending, SIGPIPE) == 1;
    n = write(fd, data, len);
    e = errno;
    if (n < 0 && e == EPIPE && !was_pending) {
        struct timespec zero = { 0, 0 };
        sigtimedwait(&pipe_only, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return n;
}
#line 2628 "chapters/tier7-transports.nw"
static ssize_t pipe_send(int fd, const struct iovec *iov, size_t cnt)
{
    size_t sent = 0;
    for (size_t i = 0; i < cnt; i++) {
        ssize_t k = write_quietly(fd, iov[i].iov_base, iov[i].iov_len);
        if (k < 0)
            return sent ? (ssize_t)sent : -1;   /* the error comes back on the next write */
        sent += (size_t)k;
        if ((size_t)k < iov[i].iov_len)
            break;
    }
    return (ssize_t)sent;
}
#line 2650 "chapters/tier7-transports.nw"
static tw_error *pipe_eof_received(void *arg)
{
    struct sock *s = arg;
    bool keep_open = false;
    return tw_protocol_eof_received(s->base.protocol, &keep_open);
}

static tw_error *read_pipe_eof(struct sock *s)
{
    s->closing = true;
    sock_watch_read(s, false);
    s->conn_lost++;
    tw__schedule(s->base.loop, pipe_eof_received, s, NULL);
    tw__schedule(s->base.loop, sock_lost_callback, s, NULL);
    return NULL;
}
#line 2679 "chapters/tier7-transports.nw"
static tw_error *write_pipe_reader_gone(void *arg)
{
    struct sock *s = arg;
    sock_force_close(s, s->buffered ? tw__os_error(EPIPE, 0, NULL, NULL) : NULL);
    return NULL;
}

static tw_error *pipe_writelines(tw_transport *t, const struct iovec *iov, size_t cnt)
{
    if (SOCK(t)->closing && !SOCK(t)->conn_lost)
        return NULL;
    return stream_writelines(t, iov, cnt);
}

static tw_error *pipe_write(tw_transport *t, const void *data, size_t n)
{
    struct iovec iov = { (void *)data, n };
    return pipe_writelines(t, &iov, 1);
}

static void write_pipe_close(tw_transport *t)
{
    struct sock *s = SOCK(t);
    if (s->buffered && !s->closing)
        s->closing = true;
    else
        sock_close(t);
}

static tw_error *write_pipe_write_eof(tw_transport *t)
{
    write_pipe_close(t);
    return NULL;
}

static bool pipe_get_extra_info(tw_transport *t, const char *name, tw_value *v)
{
    if (strcmp(name, "pipe") != 0)
        return false;
    *v = TW_INT(SOCK(t)->fd);
    return true;
}
#line 2732 "chapters/tier7-transports.nw"
static const tw_transport_class read_pipe_class = {
    .name = "_UnixReadPipeTransport",
    .kinds = TW_TRANSPORT_READ,
    .close = sock_close,
    .is_closing = sock_is_closing,
    .get_extra_info = pipe_get_extra_info,
    .is_reading = sock_is_reading,
    .pause_reading = sock_pause_reading,
    .resume_reading = sock_resume_reading,
    .destroy = sock_destroy,
};

static const tw_transport_class write_pipe_class = {
    .name = "_UnixWritePipeTransport",
    .kinds = TW_TRANSPORT_WRITE,
    .close = write_pipe_close,
    .is_closing = sock_is_closing,
    .get_extra_info = pipe_get_extra_info,
    .write = pipe_write,
    .writelines = pipe_writelines,
    .write_eof = write_pipe_write_eof,
    .can_write_eof = stream_can_write_eof,
    .abort = sock_abort,
    .get_write_buffer_size = sock_buffer_size,
    .get_write_buffer_limits = sock_get_limits,
    .set_write_buffer_limits = sock_set_limits,
    .destroy = sock_destroy,
};

tw_transport *tw__pipe_transport_new(tw_loop *L, int fd, bool writer, tw_protocol *protocol,
                                     tw_future *waiter)
{
    struct stream *st = tw__alloc(sizeof *st);
    struct stat sb;
    st->s.on_readable = writer ? write_pipe_reader_gone : stream_readable;
    st->s.on_writable = stream_writable;
    st->s.discard = stream_discard;
    st->send = pipe_send;
    st->on_eof = read_pipe_eof;
    if (writer && (fstat(fd, &sb) < 0 || !(S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))))
        st->s.reading_paused = true;
    sock_init(&st->s, writer ? &write_pipe_class : &read_pipe_class, L, fd, protocol, NULL,
              waiter);
    return &st->s.base;
}
#line 2802 "chapters/tier7-transports.nw"
struct subprocess {
    tw_transport base;
    tw__resource res;                   /* attached while the loop holds the transport */
    tw__child *child;
    bool exited, closed, finished, lost;
    int returncode;
    tw_transport *pipes[3];
    bool disconnected[3];               /* the pipe has called its connection_lost */
    tw_future **waiters;
    size_t nwaiters;
};

#define PROC(t) ((struct subprocess *)(void *)(t))
#line 2830 "chapters/tier7-transports.nw"
enum { CALL_CONNECTION_MADE, CALL_PIPE_DATA, CALL_PIPE_LOST, CALL_EXITED,
       CALL_PROCESS_EXITED, CALL_CONNECTION_LOST };

struct protocol_call {
    tw_object obj;
    struct subprocess *t;
    int what, n;                        /* n: a descriptor, or the return code */
    tw_error *exc;
    size_t len;
    unsigned char data[];
};

static void call_finalize(tw_object *o)
{
    struct protocol_call *c = (struct protocol_call *)o;
    tw_unref(c->exc);
    tw_unref(&c->t->base);
    free(c);
}

static void call_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<subprocess call at %p>", (void *)o);
}

static const tw_class call_class = { call_finalize, call_describe, NULL };

static tw_error *run_call(void *arg);

static void call_later(struct subprocess *t, int what, int n, tw_error *exc,
                       const void *data, size_t len)
{
    struct protocol_call *c = tw__alloc(sizeof *c + len);
    tw_object_init(&c->obj, &call_class, TW_KIND_OBJECT);
    c->t = PROC(tw_ref(&t->base));
    c->what = what;
    c->n = n;
    c->exc = tw_ref(exc);
    c->len = len;
    if (len)
        memcpy(c->data, data, len);
    tw__schedule(t->base.loop, run_call, c, c);
    tw_unref(&c->obj);                  /* the handle holds it now */
}
#line 2877 "chapters/tier7-transports.nw"
static void process_exited(struct subprocess *t, int code);
static tw_error *subprocess_connection_lost(struct subprocess *t);

static tw_error *run_call(void *arg)
{
    struct protocol_call *c = arg;
    struct subprocess *t = c->t;
    tw_protocol *p = t->base.protocol;
    switch (c->what) {
    case CALL_EXITED:
        process_exited(t, c->n);
        return NULL;
    case CALL_CONNECTION_LOST:
        return subprocess_connection_lost(t);
    default:
        break;
    }
    if (p == NULL)
        return NULL;
    switch (c->what) {
    case CALL_CONNECTION_MADE:
        return tw_protocol_connection_made(p, &t->base);
    case CALL_PIPE_DATA:
        return tw_protocol_pipe_data_received(p, c->n, c->data, c->len);
    case CALL_PIPE_LOST:
        return tw_protocol_pipe_connection_lost(p, c->n, c->exc);
    default:
        return tw_protocol_process_exited(p);
    }
}
#line 2922 "chapters/tier7-transports.nw"
struct pipe_protocol {
    tw_protocol base;
    struct subprocess *proc;            /* NULL once the transport is gone */
    int fd;                             /* the child's: 0, 1 or 2 */
};

#define PIPE_PROTOCOL(p) ((struct pipe_protocol *)(void *)(p))

static void try_finish(struct subprocess *t);

static tw_error *pipe_data_received(tw_protocol *p, const void *data, size_t n)
{
    struct pipe_protocol *pp = PIPE_PROTOCOL(p);
    if (pp->proc)
        call_later(pp->proc, CALL_PIPE_DATA, pp->fd, NULL, data, n);
    return NULL;
}

static tw_error *pipe_connection_lost(tw_protocol *p, tw_error *exc)
{
    struct pipe_protocol *pp = PIPE_PROTOCOL(p);
    if (pp->proc) {
        pp->proc->disconnected[pp->fd] = true;
        call_later(pp->proc, CALL_PIPE_LOST, pp->fd, exc, NULL, 0);
        try_finish(pp->proc);
    }
    return NULL;
}

static tw_error *pipe_pause_writing(tw_protocol *p)
{
    struct subprocess *t = PIPE_PROTOCOL(p)->proc;
    return t && t->base.protocol ? tw_protocol_pause_writing(t->base.protocol) : NULL;
}

static tw_error *pipe_resume_writing(tw_protocol *p)
{
    struct subprocess *t = PIPE_PROTOCOL(p)->proc;
    return t && t->base.protocol ? tw_protocol_resume_writing(t->base.protocol) : NULL;
}

static const tw_protocol_class pipe_protocol_class = {
    .name = "SubprocessPipeProto",
    .kind = TW_PROTOCOL_STREAM,
    .connection_lost = pipe_connection_lost,
    .pause_writing = pipe_pause_writing,
    .resume_writing = pipe_resume_writing,
    .data_received = pipe_data_received,
};
#line 2979 "chapters/tier7-transports.nw"
static void child_exited(void *arg, int code)
{
    call_later(arg, CALL_EXITED, code, NULL, NULL, 0);
}

static void process_exited(struct subprocess *t, int code)
{
    t->exited = true;
    t->returncode = code;
    call_later(t, CALL_PROCESS_EXITED, 0, NULL, NULL, 0);
    try_finish(t);
}
#line 3001 "chapters/tier7-transports.nw"
static void unlist(struct subprocess *t)
{
    if (!tw__resource_attached(&t->res))
        return;
    tw__resource_detach(t->base.loop, &t->res);
    tw_unref(&t->base);
}

static void try_finish(struct subprocess *t)
{
    if (!t->exited || t->finished)
        return;
    for (int i = 0; i < 3; i++)
        if (t->pipes[i] && !t->disconnected[i])
            return;
    t->finished = true;
    call_later(t, CALL_CONNECTION_LOST, 0, NULL, NULL, 0);
}

static tw_error *subprocess_connection_lost(struct subprocess *t)
{
    tw_error *err = t->base.protocol ? tw_protocol_connection_lost(t->base.protocol, NULL)
                                     : NULL;
    t->lost = true;
    for (size_t i = 0; i < t->nwaiters; i++) {
        if (!tw_future_done(t->waiters[i]))
            tw_future_set_result(t->waiters[i], TW_INT(t->returncode));
        tw_unref(t->waiters[i]);
    }
    free(t->waiters);
    t->waiters = NULL;
    t->nwaiters = 0;
    tw_transport_set_protocol(&t->base, NULL);
    unlist(t);
    return err;
}
#line 3048 "chapters/tier7-transports.nw"
static void subprocess_loop_closed(tw__resource *r)
{
    struct subprocess *t =
        (struct subprocess *)(void *)((char *)r - offsetof(struct subprocess, res));
    tw__child_release(t->child);
    tw_transport_set_protocol(&t->base, NULL);
    unlist(t);
}

static void subprocess_destroy(tw_transport *base)
{
    struct subprocess *t = PROC(base);
    tw__child_release(t->child);
    tw_unref(&t->child->obj);
    for (int i = 0; i < 3; i++)
        if (t->pipes[i]) {
            PIPE_PROTOCOL(t->pipes[i]->protocol)->proc = NULL;
            tw_unref(t->pipes[i]);
        }
    for (size_t i = 0; i < t->nwaiters; i++)
        tw_unref(t->waiters[i]);
    free(t->waiters);
    free(t);
}
#line 3081 "chapters/tier7-transports.nw"
static void subprocess_close(tw_transport *base)
{
    struct subprocess *t = PROC(base);
    if (t->closed)
        return;
    t->closed = true;
    for (int i = 0; i < 3; i++)
        if (t->pipes[i])
            tw_transport_close(t->pipes[i]);
    tw_unref(tw__child_send_signal(t->child, SIGKILL));
}

static bool subprocess_is_closing(const tw_transport *t) { return PROC(t)->closed; }

static bool subprocess_get_extra_info(tw_transport *t, const char *name, tw_value *v)
{
    if (strcmp(name, "subprocess") != 0)
        return false;
    *v = TW_INT(PROC(t)->child->pid);
    return true;
}

static int subprocess_get_pid(const tw_transport *t) { return PROC(t)->child->pid; }

static bool subprocess_get_returncode(const tw_transport *base, int *code)
{
    const struct subprocess *t = PROC(base);
    if (t->exited && code)
        *code = t->returncode;
    return t->exited;
}

static tw_transport *subprocess_get_pipe_transport(tw_transport *t, int fd)
{
    return fd >= 0 && fd < 3 ? PROC(t)->pipes[fd] : NULL;
}

static tw_error *subprocess_send_signal(tw_transport *t, int sig)
{
    if (PROC(t)->lost)
        return tw__os_error(ESRCH, 0, NULL, NULL);
    return tw__child_send_signal(PROC(t)->child, sig);
}

static const tw_transport_class subprocess_class = {
    .name = "_UnixSubprocessTransport",
    .kinds = TW_TRANSPORT_SUBPROCESS,
    .close = subprocess_close,
    .is_closing = subprocess_is_closing,
    .get_extra_info = subprocess_get_extra_info,
    .get_pid = subprocess_get_pid,
    .get_returncode = subprocess_get_returncode,
    .get_pipe_transport = subprocess_get_pipe_transport,
    .send_signal = subprocess_send_signal,
    .destroy = subprocess_destroy,
};
#line 3148 "chapters/tier7-transports.nw"
static tw_transport *pipe_connect(struct subprocess *t, int parent_end, int fd)
{
    struct pipe_protocol *pp = tw_protocol_new(&pipe_protocol_class, sizeof *pp);
    pp->proc = t;
    pp->fd = fd;
    return tw__pipe_transport_new(t->base.loop, parent_end, fd == 0, &pp->base, NULL);
}

static tw_error *subprocess_start(tw_loop *L, tw_protocol *protocol, char *const *argv,
                                  const tw_subprocess_options *o, tw_transport **out)
{
    struct subprocess *t = tw__alloc(sizeof *t);
    int parent_end[3];
    tw_error *err = tw__child_spawn(L, argv, o, child_exited, t, parent_end, &t->child);
    *out = NULL;
    if (err) {
        free(t);
        return err;
    }
    tw_transport_init(&t->base, &subprocess_class, L, tw_ref(protocol));
    t->base.obj.refs = 2;                   /* the caller's and the loop's */
    tw__resource_attach_in(L, &t->res, TW__CLOSE_CHILDREN, subprocess_loop_closed);
    for (int i = 0; i < 3; i++)
        if (parent_end[i] >= 0)
            t->pipes[i] = pipe_connect(t, parent_end[i], i);
    call_later(t, CALL_CONNECTION_MADE, 0, NULL, NULL, 0);
    *out = &t->base;
    return NULL;
}

tw_error *tw_loop_subprocess_exec(tw_loop *loop, tw_protocol *protocol, const char *const *argv,
                                  const tw_subprocess_options *options, tw_transport **transport)
{
    return subprocess_start(loop, protocol, (char *const *)argv, options, transport);
}

tw_error *tw_loop_subprocess_shell(tw_loop *loop, tw_protocol *protocol, const char *cmd,
                                   const tw_subprocess_options *options, tw_transport **transport)
{
    const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    if (cmd == NULL) {
        *transport = NULL;
        return tw_error_new(TW_ERR_VALUE, "no command given");
    }
    return subprocess_start(loop, protocol, (char *const *)argv, options, transport);
}
#line 3202 "chapters/tier7-transports.nw"
struct wait_frame {
    tw_coro co;
    struct subprocess *t;
    tw_future *waiter;
};

static void wait_cleanup(tw_coro *co)
{
    struct wait_frame *f = (struct wait_frame *)co;
    tw_unref(f->waiter);
    tw_unref(&f->t->base);
}

static tw_step wait_body(tw_coro *co)
{
    struct wait_frame *f = (struct wait_frame *)co;
    struct subprocess *t = f->t;
    TW_BEGIN(co);
    if (t->exited)
        TW_RETURN(co, TW_INT(t->returncode));
    f->waiter = tw_future_new(t->base.loop);
    t->waiters = tw__realloc(t->waiters, (t->nwaiters + 1) * sizeof *t->waiters);
    t->waiters[t->nwaiters++] = tw_ref(f->waiter);
    TW_AWAIT(co, tw_ref(f->waiter));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw_subprocess_transport_wait(tw_transport *t)
{
    struct wait_frame *f;
    if (t->cls != &subprocess_class)
        not_implemented(t->cls->name, "the transport", "wait");
    f = tw_coro_new(wait_body, sizeof *f);
    f->t = PROC(tw_ref(t));
    f->co.cleanup = wait_cleanup;
    return &f->co;
}
#line 3252 "chapters/tier7-transports.nw"
struct sockop {
    tw_coro co;
    tw_loop *loop;
    int fd;
    char *buf;
    size_t n, done;
    tw_sockaddr addr;                     /* connect's, or sendto's destination */
    tw_sockaddr *from;                    /* recvfrom's and accept's, the caller's */
    bool to_address;                      /* sendto rather than send */
    bool accepting;                       /* a connection rather than bytes */
    tw_future *fut;
    bool reading, writing;
};

static void sockop_unwatch(struct sockop *op)
{
    if (op->reading)
        tw__loop_remove_passive_reader(op->loop, op->fd, op);
    if (op->writing)
        tw_loop_remove_writer(op->loop, op->fd);
    op->reading = op->writing = false;
}

static void sockop_cleanup(tw_coro *co)
{
    struct sockop *op = (struct sockop *)co;
    sockop_unwatch(op);
    tw_unref(op->fut);
}

static void sockop_finish(struct sockop *op, tw_value v, tw_error *e)
{
    sockop_unwatch(op);
    if (e)
        tw_future_set_exception(op->fut, e);
    else
        tw_future_set_result(op->fut, v);
}

static tw_error *sockop_wait(struct sockop *op, bool writer, tw_callback_fn fn)
{
    tw_error *err;
    op->fut = tw_future_new(op->loop);
    err = writer ? tw_loop_add_writer(op->loop, op->fd, fn, op)
                 : tw__loop_add_passive_reader(op->loop, op->fd, fn, op);
    if (err == NULL) {
        op->writing = writer;
        op->reading = !writer;
    }
    return err;
}

static struct sockop *sockop_new(tw_coro_fn body, tw_loop *L, int fd, const void *buf, size_t n)
{
    struct sockop *op = tw_coro_new(body, sizeof *op);
    op->co.cleanup = sockop_cleanup;
    op->loop = L;
    op->fd = fd;
    op->buf = (char *)buf;
    op->n = n;
    return op;
}
#line 3321 "chapters/tier7-transports.nw"
static tw_error *sockop_check(const struct sockop *op)
{
    if (tw_loop_get_debug(op->loop) && !(fcntl(op->fd, F_GETFL) & O_NONBLOCK))
        return tw_error_new(TW_ERR_VALUE, "the socket must be non-blocking");
    return NULL;
}
#line 3333 "chapters/tier7-transports.nw"
static ssize_t receive(struct sockop *op)
{
    tw_sockaddr a = { .len = sizeof a.u };
    ssize_t n;
    if (op->from == NULL && !op->accepting)
        return recv(op->fd, op->buf, op->n, 0);
    n = op->accepting ? accept4(op->fd, &a.u.sa, &a.len, SOCK_NONBLOCK | SOCK_CLOEXEC)
                      : recvfrom(op->fd, op->buf, op->n, 0, &a.u.sa, &a.len);
    if (n >= 0 && op->from)
        *op->from = a;
    return n;
}

static tw_error *recv_ready(void *arg)
{
    struct sockop *op = arg;
    ssize_t n;
    if (tw_future_done(op->fut))
        return NULL;
    n = receive(op);
    if (n < 0 && again(errno))
        return NULL;
    sockop_finish(op, TW_INT(n), n < 0 ? tw_error_os(errno, NULL) : NULL);
    return NULL;
}

static tw_step recv_body(tw_coro *co)
{
    struct sockop *op = (struct sockop *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = sockop_check(op)) != NULL)
        TW_RAISE(co, err);
    {
        ssize_t n = receive(op);
        if (n >= 0)
            TW_RETURN(co, TW_INT(n));
        if (!again(errno))
            TW_RAISE(co, tw_error_os(errno, NULL));
        if ((err = sockop_wait(op, false, recv_ready)) != NULL)
            TW_RAISE(co, err);
    }
    TW_AWAIT(co, tw_ref(op->fut));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw_sock_recv(tw_loop *L, int fd, void *buf, size_t n)
{
    return &sockop_new(recv_body, L, fd, buf, n)->co;
}
#line 3387 "chapters/tier7-transports.nw"
static bool send_some(struct sockop *op, tw_error **err)
{
    *err = NULL;
    while (op->done < op->n) {
        ssize_t k = op->to_address
            ? sendto(op->fd, op->buf, op->n, MSG_NOSIGNAL, &op->addr.u.sa, op->addr.len)
            : send(op->fd, op->buf + op->done, op->n - op->done, MSG_NOSIGNAL);
        if (k < 0) {
            if (!again(errno))
                *err = tw_error_os(errno, NULL);
            return *err != NULL;
        }
        op->done += (size_t)k;
    }
    return true;
}

static tw_error *send_ready(void *arg)
{
    struct sockop *op = arg;
    tw_error *err;
    if (!tw_future_done(op->fut) && send_some(op, &err))
        sockop_finish(op, op->to_address ? TW_INT(op->done) : TW_NONE, err);
    return NULL;
}

static tw_step sendall_body(tw_coro *co)
{
    struct sockop *op = (struct sockop *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = sockop_check(op)) != NULL)
        TW_RAISE(co, err);
    if (send_some(op, &err)) {
        if (err)
            TW_RAISE(co, err);
        TW_RETURN(co, op->to_address ? TW_INT(op->done) : TW_NONE);
    }
    if ((err = sockop_wait(op, true, send_ready)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(op->fut));
    TW_END(co);
}

tw_coro *tw_sock_sendall(tw_loop *L, int fd, const void *data, size_t n)
{
    return &sockop_new(sendall_body, L, fd, data, n)->co;
}
#line 3441 "chapters/tier7-transports.nw"
static tw_error *connect_ready(void *arg)
{
    struct sockop *op = arg;
    int err = 0;
    socklen_t len = sizeof err;
    char buf[TW_ADDRSTRLEN];
    if (tw_future_done(op->fut))
        return NULL;
    if (getsockopt(op->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        err = errno;
    sockop_finish(op, TW_NONE, err ? tw_error_os(err, "Connect call failed %s",
                                                 tw_sockaddr_str(&op->addr, buf)) : NULL);
    return NULL;
}

static tw_step connect_body(tw_coro *co)
{
    struct sockop *op = (struct sockop *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = sockop_check(op)) != NULL)
        TW_RAISE(co, err);
    if (connect(op->fd, &op->addr.u.sa, op->addr.len) == 0)
        TW_RETURN(co, TW_NONE);
    if (errno != EINPROGRESS && !again(errno))
        TW_RAISE(co, tw_error_os(errno, NULL));
    if ((err = sockop_wait(op, true, connect_ready)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(op->fut));
    TW_END(co);
}

tw_coro *tw_sock_connect(tw_loop *L, int fd, const tw_sockaddr *addr)
{
    struct sockop *op = sockop_new(connect_body, L, fd, NULL, 0);
    op->addr = *addr;
    return &op->co;
}
#line 3490 "chapters/tier7-transports.nw"
tw_coro *tw_sock_accept(tw_loop *L, int fd, tw_sockaddr *peer)
{
    struct sockop *op = sockop_new(recv_body, L, fd, NULL, 0);
    op->from = peer;
    op->accepting = true;
    return &op->co;
}

tw_coro *tw_sock_recvfrom(tw_loop *L, int fd, void *buf, size_t n, tw_sockaddr *from)
{
    struct sockop *op = sockop_new(recv_body, L, fd, buf, n);
    op->from = from;
    return &op->co;
}

tw_coro *tw_sock_sendto(tw_loop *L, int fd, const void *data, size_t n, const tw_sockaddr *to)
{
    struct sockop *op = sockop_new(sendall_body, L, fd, data, n);
    op->addr = *to;
    op->to_address = true;
    return &op->co;
}
#line 3528 "chapters/tier7-transports.nw"
struct sendfile_op {
    struct sockop op;
    int file;
    int64_t offset, count, total;         /* count 0: to the end */
    bool fallback;
    bool refused;                         /* sendfile(2) cannot read this file */
};

static tw_error *sendfile_check(struct sendfile_op *s)
{
    int type = 0;
    socklen_t len = sizeof type;
    tw_error *err = sockop_check(&s->op);
    if (err)
        return err;
    if (getsockopt(s->op.fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0)
        return tw_error_os(errno, NULL);
    if (type != SOCK_STREAM)
        return tw_error_new(TW_ERR_VALUE, "only SOCK_STREAM type sockets are supported");
    if (s->count < 0)
        return tw_error_new(TW_ERR_VALUE, "count must be a positive integer (got %lld)",
                            (long long)s->count);
    if (s->offset < 0)
        return tw_error_new(TW_ERR_VALUE, "offset must be a non-negative integer (got %lld)",
                            (long long)s->offset);
    return NULL;
}

static tw_error *sendfile_not_available(const char *why)
{
    return tw__error_named(tw_error_new(TW_ERR_RUNTIME, "%s", why), "SendfileNotAvailableError");
}
#line 3570 "chapters/tier7-transports.nw"
static bool sendfile_some(struct sendfile_op *s, tw_error **err)
{
    *err = NULL;
    for (;;) {
        off_t at = (off_t)(s->offset + s->total);
        size_t want = s->count ? (size_t)(s->count - s->total) : (size_t)1 << 30;
        ssize_t k;
        if (s->count && s->total >= s->count)
            return true;
        k = sendfile(s->op.fd, s->file, &at, want);
        if (k == 0)
            return true;
        if (k > 0) {
            s->total += k;
            continue;
        }
        if (again(errno))
            return false;
        s->refused = s->total == 0;
        if (s->refused)
            *err = sendfile_not_available("os.sendfile call failed");
        else
            *err = errno == ENOTCONN ? tw_error_new(TW_ERR_CONNECTION, "socket is not connected")
                                     : tw_error_os(errno, NULL);
        return true;
    }
}

static tw_error *sendfile_ready(void *arg)
{
    struct sockop *op = arg;
    if (!tw_future_done(op->fut))
        sockop_finish(op, TW_NONE, NULL);
    return NULL;
}
#line 3619 "chapters/tier7-transports.nw"
enum { SENDFILE_BLOCK = 256 * 1024, TRANSPORT_SENDFILE_BLOCK = 16384 };

struct block_request {
    int file;
    size_t n;
};

static tw_error *read_block(const void *request, size_t len, tw_bytes **answer)
{
    const struct block_request *rq = request;
    ssize_t k;
    (void)len;
    *answer = tw_bytes_new(NULL, rq->n);
    do
        k = read(rq->file, (*answer)->data, rq->n);
    while (k < 0 && errno == EINTR);
    if (k >= 0) {
        (*answer)->len = (size_t)k;
        return NULL;
    }
    tw_bytes_free(*answer);
    *answer = NULL;
    return tw_error_os(errno, NULL);
}
#line 3652 "chapters/tier7-transports.nw"
static tw_error *sendfile_settle(int file, int64_t offset, int64_t total, tw_error *err)
{
    if (total > 0 && lseek(file, (off_t)(offset + total), SEEK_SET) < 0 && err == NULL)
        err = tw_error_os(errno, NULL);
    return err;
}

struct file_copy {
    tw_coro co;
    tw_loop *loop;
    int file, fd;                         /* fd < 0: write through t */
    tw_transport *t;
    tw_future **paused;                   /* t's: set while t has paused writing */
    int64_t offset, count, total;
    size_t block;
    tw_future *read;
    tw_bytes *got;                        /* the block read, owned by read */
};

static void file_copy_cleanup(tw_coro *co)
{
    tw_unref(((struct file_copy *)co)->read);
}

static bool read_next(struct file_copy *f, tw_error **err)
{
    struct block_request rq = { f->file, f->block };
    if (f->count && (int64_t)rq.n > f->count - f->total)
        rq.n = (size_t)(f->count - f->total);
    tw_unref(f->read);
    f->read = NULL;
    if (rq.n == 0)
        return false;
    *err = tw_run_in_executor_bytes(f->loop, NULL, read_block, &rq, sizeof rq, &f->read);
    return *err == NULL;
}
#line 3695 "chapters/tier7-transports.nw"
static tw_step file_copy_body(tw_coro *co)
{
    struct file_copy *f = (struct file_copy *)co;
    tw_error *err = NULL;
    TW_BEGIN(co);
    if (f->offset && lseek(f->file, (off_t)f->offset, SEEK_SET) < 0)
        TW_RAISE(co, tw_error_os(errno, NULL));
    while (read_next(f, &err)) {
        TW_AWAIT_TRY(co, tw_ref(f->read));
        if (TW_ERROR(co) || (f->got = TW_RESULT(co).p)->len == 0)
            break;
        if (f->fd >= 0) {
            TW_AWAIT_TRY(co, tw_sock_sendall(f->loop, f->fd, f->got->data, f->got->len));
        } else if (tw_transport_is_closing(f->t)) {
            err = tw_error_new(TW_ERR_CONNECTION, "Connection closed by peer");
        } else if (*f->paused) {
            TW_AWAIT_TRY(co, tw_ref(*f->paused));
        }
        if (err || TW_ERROR(co))
            break;
        if (f->fd < 0 && (err = tw_transport_write(f->t, f->got->data, f->got->len)) != NULL)
            break;
        f->total += (int64_t)f->got->len;
    }
    if (err == NULL && TW_ERROR(co))
        err = TW_TAKE_ERROR(co);
    if ((err = sendfile_settle(f->file, f->offset, f->total, err)) != NULL)
        TW_RAISE(co, err);
    TW_RETURN(co, TW_INT(f->total));
    TW_END(co);
}

static tw_coro *file_copy(tw_loop *L, int file, int64_t offset, int64_t count, int fd,
                          tw_transport *t, tw_future **paused)
{
    struct file_copy *f = tw_coro_new(file_copy_body, sizeof *f);
    f->co.cleanup = file_copy_cleanup;
    f->loop = L;
    f->file = file;
    f->offset = offset;
    f->count = count;
    f->fd = fd;
    f->t = t;
    f->paused = paused;
    f->block = fd >= 0 ? SENDFILE_BLOCK : TRANSPORT_SENDFILE_BLOCK;
    return &f->co;
}
#line 3748 "chapters/tier7-transports.nw"
static tw_step sendfile_body(tw_coro *co)
{
    struct sendfile_op *s = (struct sendfile_op *)co;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = sendfile_check(s)) != NULL)
        TW_RAISE(co, err);
    while (!sendfile_some(s, &err)) {
        tw_unref(s->op.fut);
        if ((err = sockop_wait(&s->op, true, sendfile_ready)) != NULL)
            break;
        TW_AWAIT(co, tw_ref(s->op.fut));
    }
    if (!s->refused || !s->fallback) {
        if ((err = sendfile_settle(s->file, s->offset, s->total, err)) != NULL)
            TW_RAISE(co, err);
        TW_RETURN(co, TW_INT(s->total));
    }
    tw_unref(err);
    TW_AWAIT(co, file_copy(s->op.loop, s->file, s->offset, s->count, s->op.fd, NULL, NULL));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw_sock_sendfile(tw_loop *L, int fd, int file, int64_t offset, int64_t count,
                          bool fallback)
{
    struct sendfile_op *s = tw_coro_new(sendfile_body, sizeof *s);
    s->op.co.cleanup = sockop_cleanup;
    s->op.loop = L;
    s->op.fd = fd;
    s->file = file;
    s->offset = offset;
    s->count = count;
    s->fallback = fallback;
    return &s->op.co;
}
#line 3815 "chapters/tier7-transports.nw"
struct standin {
    tw_protocol base;
    tw_loop *loop;
    tw_transport *t;                      /* borrowed: the coroutine holds it */
    tw_protocol *program;                 /* the program's protocol, while replaced */
    tw_future *ready;                     /* set while writing is paused */
    bool resume_reading, resume_writing;
};

static tw_error *standin_unexpected(tw_protocol *p, const void *data, size_t n)
{
    (void)p, (void)data, (void)n;
    return tw_error_new(TW_ERR_RUNTIME, "Invalid state: reading should be paused");
}

static tw_error *standin_eof(tw_protocol *p, bool *keep_open)
{
    (void)p, (void)keep_open;
    return tw_error_new(TW_ERR_RUNTIME, "Invalid state: reading should be paused");
}

static tw_error *standin_pause_writing(tw_protocol *p)
{
    struct standin *in = (struct standin *)p;
    if (in->ready == NULL)
        in->ready = tw_future_new(in->loop);
    return NULL;
}

static tw_error *standin_resume_writing(tw_protocol *p)
{
    struct standin *in = (struct standin *)p;
    if (in->ready) {
        tw_future_set_result(in->ready, TW_NONE);
        tw_unref(in->ready);
        in->ready = NULL;
    }
    return NULL;
}

static tw_error *standin_connection_lost(tw_protocol *p, tw_error *exc)
{
    struct standin *in = (struct standin *)p;
    if (in->ready && !tw_future_done(in->ready))
        tw_future_set_exception(in->ready, exc ? tw_ref(exc)
                                : tw_error_new(TW_ERR_CONNECTION, "Connection is closed by peer"));
    return in->program ? tw_protocol_connection_lost(in->program, exc) : NULL;
}

static void standin_destroy(tw_protocol *p)
{
    struct standin *in = (struct standin *)p;
    tw_unref(in->ready);
    tw_unref(in->program);
}

static const tw_protocol_class standin_class = {
    .name = "_SendfileFallbackProtocol",
    .kind = TW_PROTOCOL_STREAM,
    .connection_lost = standin_connection_lost,
    .pause_writing = standin_pause_writing,
    .resume_writing = standin_resume_writing,
    .data_received = standin_unexpected,
    .eof_received = standin_eof,
    .destroy = standin_destroy,
};
#line 3889 "chapters/tier7-transports.nw"
static struct standin *standin_install(tw_loop *L, tw_transport *t)
{
    struct standin *in = tw_protocol_new(&standin_class, sizeof *in);
    in->loop = L;
    in->t = t;
    in->program = tw_ref(tw_transport_get_protocol(t));
    in->resume_reading = tw_transport_is_reading(t);
    in->resume_writing = t->cls->writing_paused(t);
    tw_transport_pause_reading(t);
    tw_transport_set_protocol(t, tw_ref(&in->base));
    if (in->resume_writing)
        in->ready = tw_future_new(L);
    return in;
}

static tw_error *standin_restore(struct standin *in)
{
    tw_protocol *program = in->program;
    if (program == NULL)
        return NULL;
    in->program = NULL;
    tw_transport_set_protocol(in->t, program);
    if (in->resume_reading)
        tw_transport_resume_reading(in->t);
    if (in->ready)
        tw_future_cancel(in->ready, NULL);
    return in->resume_writing ? tw_protocol_resume_writing(program) : NULL;
}
#line 3925 "chapters/tier7-transports.nw"
struct transport_sendfile {
    tw_coro co;
    tw_loop *loop;
    tw_transport *t;
    int file;
    int64_t offset, count, total;
    bool fallback, resume_reading, native;
    struct standin *in;
};

static void native_restore(struct transport_sendfile *f)
{
    struct stream *st = (struct stream *)f->t;
    if (!f->native)
        return;
    f->native = false;
    tw_unref(st->empty_waiter);
    st->empty_waiter = NULL;
    if (f->resume_reading)
        tw_transport_resume_reading(f->t);
}

static void transport_sendfile_cleanup(tw_coro *co)
{
    struct transport_sendfile *f = (struct transport_sendfile *)co;
    native_restore(f);
    if (f->in) {
        tw_unref(standin_restore(f->in));
        tw_unref(&f->in->base);
    }
    tw_unref(f->t);
}

static tw_error *transport_sendfile_refused(const tw_transport *t, const char *why)
{
    return tw_error_new(TW_ERR_RUNTIME, "%s <%s>", why, t->cls->name);
}
#line 3970 "chapters/tier7-transports.nw"
static tw_step transport_native_body(tw_coro *co)
{
    struct transport_sendfile *f = (struct transport_sendfile *)co;
    struct stream *st = (struct stream *)f->t;
    TW_BEGIN(co);
    f->resume_reading = tw_transport_is_reading(f->t);
    tw_transport_pause_reading(f->t);
    st->empty_waiter = tw_future_new(f->loop);
    f->native = true;
    if (st->s.buffered == 0)
        tw_future_set_result(st->empty_waiter, TW_NONE);
    TW_AWAIT(co, tw_ref(st->empty_waiter));
    TW_AWAIT(co, tw_sock_sendfile(f->loop, st->s.fd, f->file, f->offset, f->count, false));
    native_restore(f);
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

static tw_coro *transport_sendfile_new(tw_coro_fn body, tw_loop *L, tw_transport *t, int file,
                                       int64_t offset, int64_t count, bool fallback)
{
    struct transport_sendfile *f = tw_coro_new(body, sizeof *f);
    f->co.cleanup = transport_sendfile_cleanup;
    f->loop = L;
    f->t = tw_ref(t);
    f->file = file;
    f->offset = offset;
    f->count = count;
    f->fallback = fallback;
    return &f->co;
}
#line 4008 "chapters/tier7-transports.nw"
static tw_step transport_fallback_body(tw_coro *co)
{
    struct transport_sendfile *f = (struct transport_sendfile *)co;
    tw_error *err;
    TW_BEGIN(co);
    f->in = standin_install(f->loop, f->t);
    TW_AWAIT_TRY(co, file_copy(f->loop, f->file, f->offset, f->count, -1, f->t, &f->in->ready));
    err = standin_restore(f->in);
    if (TW_ERROR(co)) {
        tw_unref(err);
        TW_RERAISE(co);
    }
    if (err)
        TW_RAISE(co, err);
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}
#line 4034 "chapters/tier7-transports.nw"
static tw_step choose_sendfile_body(tw_coro *co)
{
    struct transport_sendfile *f = (struct transport_sendfile *)co;
    TW_BEGIN(co);
    if (tw_transport_is_closing(f->t))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "Transport is closing"));
    if (f->t->cls == &stream_class) {
        TW_AWAIT_TRY(co, transport_sendfile_new(transport_native_body, f->loop, f->t, f->file,
                                                f->offset, f->count, false));
        if (!TW_ERROR(co))
            TW_RETURN(co, TW_RESULT(co));
        if (!f->fallback || strcmp(tw_error_type(TW_ERROR(co)), "SendfileNotAvailableError"))
            TW_RERAISE(co);
        TW_CLEAR(co);
    } else if (f->t->cls->writing_paused == NULL) {
        TW_RAISE(co, transport_sendfile_refused(f->t, "sendfile is not supported for transport"));
    } else if (!f->fallback) {
        TW_RAISE(co, transport_sendfile_refused(f->t, "fallback is disabled and native sendfile "
                                                      "is not supported for transport"));
    }
    TW_AWAIT(co, transport_sendfile_new(transport_fallback_body, f->loop, f->t, f->file,
                                        f->offset, f->count, f->fallback));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw_loop_sendfile(tw_loop *L, tw_transport *t, int file, int64_t offset, int64_t count,
                          bool fallback)
{
    return transport_sendfile_new(choose_sendfile_body, L, t, file, offset, count, fallback);
}
