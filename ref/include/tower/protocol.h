#line 134 "chapters/tier8-protocols.nw"
/* tower/protocol.h -- protocols, connections and servers (see the book, tier 8) */
#ifndef TOWER_PROTOCOL_H
#define TOWER_PROTOCOL_H
#include "tower/transport.h"

#line 156 "chapters/tier8-protocols.nw"
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
    const tw_protocol_class *cls;
    int refs;
    bool heap;
};

typedef tw_protocol *(*tw_protocol_factory)(void *arg);

void *tw_protocol_new(const tw_protocol_class *cls, size_t size);
void tw_protocol_init(tw_protocol *p, const tw_protocol_class *cls);
tw_protocol *tw_protocol_ref(tw_protocol *p);
void tw_protocol_unref(tw_protocol *p);
#line 291 "chapters/tier8-protocols.nw"
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
#line 367 "chapters/tier8-protocols.nw"
void *tw_create_connection(tw_loop *loop, tw_protocol_factory factory, void *arg,
                           const char *host, int port);
void *tw_create_unix_connection(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                const char *path, int sock);
void *tw_connect_read_pipe(tw_loop *loop, tw_protocol_factory factory, void *arg, int fd);
void *tw_connect_write_pipe(tw_loop *loop, tw_protocol_factory factory, void *arg, int fd);
#line 409 "chapters/tier8-protocols.nw"
typedef struct tw_server tw_server;

typedef struct tw_server_options {
    int family;            /* AF_UNSPEC (0): every address the host resolves to */
    int backlog;           /* 0: 100, as asyncio */
    bool reuse_port;
    bool defer_serving;    /* start_serving=False */
} tw_server_options;

void *tw_create_server(tw_loop *loop, tw_protocol_factory factory, void *arg,
                       const char *host, int port, const tw_server_options *options);
void *tw_create_unix_server(tw_loop *loop, tw_protocol_factory factory, void *arg,
                            const char *path, const tw_server_options *options);

tw_server *tw_server_ref(tw_server *s);
void tw_server_unref(tw_server *s);
tw_loop *tw_server_get_loop(const tw_server *s);
bool tw_server_is_serving(const tw_server *s);
size_t tw_server_nsockets(const tw_server *s);
int tw_server_socket(const tw_server *s, size_t i);
const tw_sockaddr *tw_server_sockname(const tw_server *s, size_t i);
void *tw_server_start_serving(tw_server *s);
void tw_server_close(tw_server *s);
void *tw_server_wait_closed(tw_server *s);
void *tw_server_serve_forever(tw_server *s);
void *tw_server_exit(tw_server *s);
#line 491 "chapters/tier8-protocols.nw"
typedef struct tw_datagram_options {
    const char *local_host;
    int local_port;
    const char *remote_host;
    int remote_port;
    int family;
    bool reuse_port;
    bool allow_broadcast;
} tw_datagram_options;

void *tw_create_datagram_endpoint(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                  const tw_datagram_options *options);
#line 144 "chapters/tier8-protocols.nw"
#endif
