#line 221 "chapters/tier8-protocols.nw"
/* tower/protocol.h -- connections and datagram endpoints (see the book, tier 8) */
#ifndef TOWER_PROTOCOL_H
#define TOWER_PROTOCOL_H
#include "tower/transport.h"
#include "tower/tls.h"

#line 268 "chapters/tier8-protocols.nw"
typedef tw_protocol *(*tw_protocol_factory)(void *arg);
#line 332 "chapters/tier8-protocols.nw"
tw_coro *tw_create_connection(tw_loop *loop, tw_protocol_factory factory, void *arg,
                              const char *host, int port);
tw_coro *tw_create_unix_connection(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                   const char *path, int sock);
tw_coro *tw_connect_accepted_socket(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                    int sock);
tw_coro *tw_connect_read_pipe(tw_loop *loop, tw_protocol_factory factory, void *arg, int fd);
tw_coro *tw_connect_write_pipe(tw_loop *loop, tw_protocol_factory factory, void *arg, int fd);
#line 348 "chapters/tier8-protocols.nw"
tw_coro *tw_create_connection_with(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                   const char *host, int port,
                                   const tw_connect_options *options);
#line 364 "chapters/tier8-protocols.nw"
tw_coro *tw_create_connection_tls(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                  const char *host, int port, const tw_tls_options *tls);
tw_coro *tw_create_unix_connection_tls(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                       const char *path, int sock, const tw_tls_options *tls);
#line 416 "chapters/tier8-protocols.nw"
typedef struct tw_datagram_options {
    const char *local_host;
    int local_port;
    const char *remote_host;
    int remote_port;
    int family;
    bool reuse_port;
    bool allow_broadcast;
    bool use_sock;          /* sock=: take over sock, a UDP socket, instead of making one */
    int sock;
} tw_datagram_options;

tw_coro *tw_create_datagram_endpoint(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                     const tw_datagram_options *options);
#line 230 "chapters/tier8-protocols.nw"
#endif
