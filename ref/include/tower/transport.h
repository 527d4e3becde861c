#line 367 "chapters/tier7-transports.nw"
/* tower/transport.h -- transports (see the book, tier 7) */
#ifndef TOWER_TRANSPORT_H
#define TOWER_TRANSPORT_H
#include "tower/subprocess.h"
#include <limits.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>

#line 403 "chapters/tier7-transports.nw"
typedef struct tw_sockaddr {
    socklen_t len;
    union {
        struct sockaddr sa;
        struct sockaddr_in in4;
        struct sockaddr_in6 in6;
        struct sockaddr_un un;
        struct sockaddr_storage ss;
    } u;
} tw_sockaddr;

enum { TW_ADDRSTRLEN = 128 };

int tw_sockaddr_family(const tw_sockaddr *a);
const char *tw_sockaddr_host(const tw_sockaddr *a, char buf[TW_ADDRSTRLEN]);
int tw_sockaddr_port(const tw_sockaddr *a);
const char *tw_sockaddr_str(const tw_sockaddr *a, char buf[TW_ADDRSTRLEN]);
bool tw_sockaddr_equal(const tw_sockaddr *a, const tw_sockaddr *b);
#line 470 "chapters/tier7-transports.nw"
typedef struct tw_protocol tw_protocol;
typedef struct tw_transport tw_transport;

typedef enum tw_transport_kind {
    TW_TRANSPORT_BASE = 0,           /* asyncio.BaseTransport: every transport */
    TW_TRANSPORT_READ = 1,           /* asyncio.ReadTransport */
    TW_TRANSPORT_WRITE = 2,          /* asyncio.WriteTransport */
    TW_TRANSPORT_STREAM = 3,         /* asyncio.Transport: read and write */
    TW_TRANSPORT_DATAGRAM = 4,       /* asyncio.DatagramTransport */
    TW_TRANSPORT_SUBPROCESS = 8      /* asyncio.SubprocessTransport */
} tw_transport_kind;

#define TW_LIMIT_DEFAULT LONG_MIN

typedef struct tw_transport_class {
    const char *name;
    unsigned kinds;
    /* BaseTransport */
    void (*close)(tw_transport *t);
    bool (*is_closing)(const tw_transport *t);
    bool (*get_extra_info)(tw_transport *t, const char *name, tw_value *value);
    /* ReadTransport */
    bool (*is_reading)(const tw_transport *t);
    void (*pause_reading)(tw_transport *t);
    void (*resume_reading)(tw_transport *t);
    /* WriteTransport */
    tw_error *(*write)(tw_transport *t, const void *data, size_t n);
    tw_error *(*writelines)(tw_transport *t, const struct iovec *iov, size_t n);
    tw_error *(*write_eof)(tw_transport *t);
    bool (*can_write_eof)(const tw_transport *t);
    void (*abort)(tw_transport *t);
    size_t (*get_write_buffer_size)(const tw_transport *t);
    void (*get_write_buffer_limits)(const tw_transport *t, size_t *low, size_t *high);
    tw_error *(*set_write_buffer_limits)(tw_transport *t, long high, long low);
    bool (*writing_paused)(const tw_transport *t);   /* loop.sendfile's fallback */
    /* DatagramTransport */
    tw_error *(*sendto)(tw_transport *t, const void *data, size_t n, const tw_sockaddr *addr);
    /* SubprocessTransport */
    int (*get_pid)(const tw_transport *t);
    bool (*get_returncode)(const tw_transport *t, int *code);
    tw_transport *(*get_pipe_transport)(tw_transport *t, int fd);
    tw_error *(*send_signal)(tw_transport *t, int sig);
    /* releasing what the object owns, at its last reference */
    void (*destroy)(tw_transport *t);
} tw_transport_class;

struct tw_transport {
    tw_object obj;
    const tw_transport_class *cls;
    tw_loop *loop;
    tw_protocol *protocol;
};

void tw_transport_init(tw_transport *t, const tw_transport_class *cls, tw_loop *loop,
                       tw_protocol *protocol);
bool tw_transport_is(const tw_transport *t, tw_transport_kind kind);
tw_protocol *tw_transport_get_protocol(const tw_transport *t);
void tw_transport_set_protocol(tw_transport *t, tw_protocol *protocol);
#line 572 "chapters/tier7-transports.nw"
void tw_transport_close(tw_transport *t);
bool tw_transport_is_closing(const tw_transport *t);
tw_value tw_transport_get_extra_info(tw_transport *t, const char *name, tw_value dflt);
bool tw_transport_is_reading(const tw_transport *t);
void tw_transport_pause_reading(tw_transport *t);
void tw_transport_resume_reading(tw_transport *t);
tw_error *tw_transport_write(tw_transport *t, const void *data, size_t n);
tw_error *tw_transport_writelines(tw_transport *t, const struct iovec *iov, size_t n);
tw_error *tw_transport_write_eof(tw_transport *t);
bool tw_transport_can_write_eof(const tw_transport *t);
void tw_transport_abort(tw_transport *t);
size_t tw_transport_get_write_buffer_size(const tw_transport *t);
void tw_transport_get_write_buffer_limits(const tw_transport *t, size_t *low, size_t *high);
tw_error *tw_transport_set_write_buffer_limits(tw_transport *t, long high, long low);
tw_error *tw_transport_sendto(tw_transport *t, const void *data, size_t n,
                              const tw_sockaddr *addr);
#line 717 "chapters/tier7-transports.nw"
typedef enum tw_protocol_kind {
    TW_PROTOCOL_STREAM = 0,      /* asyncio.Protocol */
    TW_PROTOCOL_BUFFERED,        /* asyncio.BufferedProtocol */
    TW_PROTOCOL_DATAGRAM,        /* asyncio.DatagramProtocol */
    TW_PROTOCOL_SUBPROCESS       /* asyncio.SubprocessProtocol */
} tw_protocol_kind;

typedef struct tw_protocol_class {
    const char *name;
    tw_protocol_kind kind;
    /* BaseProtocol */
    tw_error *(*connection_made)(tw_protocol *p, tw_transport *t);
    tw_error *(*connection_lost)(tw_protocol *p, tw_error *exc);
    tw_error *(*pause_writing)(tw_protocol *p);
    tw_error *(*resume_writing)(tw_protocol *p);
    /* Protocol */
    tw_error *(*data_received)(tw_protocol *p, const void *data, size_t n);
    tw_error *(*eof_received)(tw_protocol *p, bool *keep_open);
    /* BufferedProtocol */
    tw_error *(*get_buffer)(tw_protocol *p, long sizehint, void **buf, size_t *len);
    tw_error *(*buffer_updated)(tw_protocol *p, size_t nbytes);
    /* DatagramProtocol */
    tw_error *(*datagram_received)(tw_protocol *p, const void *data, size_t n,
                                   const tw_sockaddr *addr);
    tw_error *(*error_received)(tw_protocol *p, tw_error *exc);
    /* SubprocessProtocol */
    tw_error *(*pipe_data_received)(tw_protocol *p, int fd, const void *data, size_t n);
    tw_error *(*pipe_connection_lost)(tw_protocol *p, int fd, tw_error *exc);
    tw_error *(*process_exited)(tw_protocol *p);
    /* releasing what the object owns, at its last reference */
    void (*destroy)(tw_protocol *p);
} tw_protocol_class;

struct tw_protocol {
    tw_object obj;
    const tw_protocol_class *cls;
    bool heap;
};

void *tw_protocol_new(const tw_protocol_class *cls, size_t size);
void tw_protocol_init(tw_protocol *p, const tw_protocol_class *cls);

#define TW__KINDS_TRANSPORTS(F, x) F(tw_transport, x) F(tw_protocol, x)
#undef TW__KINDS_7
#define TW__KINDS_7(F, x) TW__KINDS_TRANSPORTS(F, x)
#line 832 "chapters/tier7-transports.nw"
tw_error *tw_protocol_connection_made(tw_protocol *p, tw_transport *t);
tw_error *tw_protocol_connection_lost(tw_protocol *p, tw_error *exc);
tw_error *tw_protocol_pause_writing(tw_protocol *p);
tw_error *tw_protocol_resume_writing(tw_protocol *p);
tw_error *tw_protocol_data_received(tw_protocol *p, const void *data, size_t n);
tw_error *tw_protocol_eof_received(tw_protocol *p, bool *keep_open);
tw_error *tw_protocol_get_buffer(tw_protocol *p, long sizehint, void **buf, size_t *len);
tw_error *tw_protocol_buffer_updated(tw_protocol *p, size_t nbytes);
tw_error *tw_protocol_datagram_received(tw_protocol *p, const void *data, size_t n,
                                        const tw_sockaddr *addr);
tw_error *tw_protocol_error_received(tw_protocol *p, tw_error *exc);
tw_error *tw_protocol_pipe_data_received(tw_protocol *p, int fd, const void *data, size_t n);
tw_error *tw_protocol_pipe_connection_lost(tw_protocol *p, int fd, tw_error *exc);
tw_error *tw_protocol_process_exited(tw_protocol *p);
#line 864 "chapters/tier7-transports.nw"
tw_error *tw_loop_subprocess_exec(tw_loop *loop, tw_protocol *protocol, const char *const *argv,
                                  const tw_subprocess_options *options, tw_transport **transport);
tw_error *tw_loop_subprocess_shell(tw_loop *loop, tw_protocol *protocol, const char *cmd,
                                   const tw_subprocess_options *options, tw_transport **transport);

int tw_subprocess_transport_get_pid(const tw_transport *t);
bool tw_subprocess_transport_get_returncode(const tw_transport *t, int *code);
tw_transport *tw_subprocess_transport_get_pipe_transport(tw_transport *t, int fd);
tw_error *tw_subprocess_transport_send_signal(tw_transport *t, int sig);
tw_error *tw_subprocess_transport_terminate(tw_transport *t);
tw_error *tw_subprocess_transport_kill(tw_transport *t);
tw_coro *tw_subprocess_transport_wait(tw_transport *t);
#line 1006 "chapters/tier7-transports.nw"
tw_coro *tw_sock_recv(tw_loop *loop, int fd, void *buf, size_t n);
tw_coro *tw_sock_sendall(tw_loop *loop, int fd, const void *data, size_t n);
tw_coro *tw_sock_connect(tw_loop *loop, int fd, const tw_sockaddr *addr);
#line 1025 "chapters/tier7-transports.nw"
tw_coro *tw_sock_accept(tw_loop *loop, int fd, tw_sockaddr *peer);
tw_coro *tw_sock_recvfrom(tw_loop *loop, int fd, void *buf, size_t n, tw_sockaddr *from);
tw_coro *tw_sock_sendto(tw_loop *loop, int fd, const void *data, size_t n,
                        const tw_sockaddr *to);
tw_coro *tw_sock_sendfile(tw_loop *loop, int fd, int file, int64_t offset, int64_t count,
                          bool fallback);
tw_coro *tw_loop_sendfile(tw_loop *loop, tw_transport *t, int file, int64_t offset,
                          int64_t count, bool fallback);
#line 1098 "chapters/tier7-transports.nw"
#define TW_NAME_MAX 1025                  /* NI_MAXHOST */
#define TW_SERVICE_MAX 32                 /* NI_MAXSERV */

typedef struct tw_addrinfo {
    int family, socktype, protocol;
    tw_sockaddr addr;
} tw_addrinfo;

typedef struct tw_addrinfo_list {
    size_t n;
    char canonname[TW_NAME_MAX];          /* the first entry's; "" unless AI_CANONNAME */
    tw_addrinfo ai[];
} tw_addrinfo_list;

typedef struct tw_nameinfo {
    char host[TW_NAME_MAX];
    char service[TW_SERVICE_MAX];
} tw_nameinfo;

tw_coro *tw_getaddrinfo(tw_loop *loop, const char *host, int port, int family, int type,
                        int proto, int flags);
tw_coro *tw_getnameinfo(tw_loop *loop, const tw_sockaddr *addr, int flags);
#line 94 "chapters/tier7-happy-eyeballs.nw"
typedef struct tw_connect_options {
    bool happy_eyeballs;                  /* happy_eyeballs_delay= is given */
    double happy_eyeballs_delay;          /* seconds */
    int interleave;                       /* 0: None */
    const char *local_host;               /* local_addr=(local_host, local_port); NULL: None */
    int local_port;
} tw_connect_options;

void tw_interleave_addrinfos(tw_addrinfo_list *list, int first_family_count);
tw_coro *tw_sock_connect_staggered(tw_loop *loop, const tw_addrinfo_list *infos,
                                   const tw_addrinfo_list *local,
                                   const tw_connect_options *options);
#line 386 "chapters/tier7-transports.nw"
#endif
