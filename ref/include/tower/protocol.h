#line 154 "chapters/tier8-protocols.nw"
/* tower/protocol.h -- connections and datagram endpoints (see the book, tier 8) */
#ifndef TOWER_PROTOCOL_H
#define TOWER_PROTOCOL_H
#include "tower/transport.h"

#line 200 "chapters/tier8-protocols.nw"
typedef tw_protocol *(*tw_protocol_factory)(void *arg);
#line 264 "chapters/tier8-protocols.nw"
tw_coro *tw_create_connection(tw_loop *loop, tw_protocol_factory factory, void *arg,
                              const char *host, int port);
tw_coro *tw_create_unix_connection(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                   const char *path, int sock);
tw_coro *tw_connect_read_pipe(tw_loop *loop, tw_protocol_factory factory, void *arg, int fd);
tw_coro *tw_connect_write_pipe(tw_loop *loop, tw_protocol_factory factory, void *arg, int fd);
#line 306 "chapters/tier8-protocols.nw"
typedef struct tw_datagram_options {
    const char *local_host;
    int local_port;
    const char *remote_host;
    int remote_port;
    int family;
    bool reuse_port;
    bool allow_broadcast;
} tw_datagram_options;

tw_coro *tw_create_datagram_endpoint(tw_loop *loop, tw_protocol_factory factory, void *arg,
                                     const tw_datagram_options *options);
#line 162 "chapters/tier8-protocols.nw"
#endif
