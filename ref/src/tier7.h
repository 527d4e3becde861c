#line 845 "chapters/tier7-transports.nw"
/* tier7.h -- what the files of tier 7 (transports) share; not installed. */
#ifndef TOWER_TIER7_H
#define TOWER_TIER7_H
#include "tier6.h"
#include "tower/transport.h"

#line 995 "chapters/tier7-transports.nw"
tw_error *tw__error_named(tw_error *e, const char *type);
#line 1328 "chapters/tier7-transports.nw"
typedef struct tw__acceptor {
    void (*attach)(struct tw__acceptor *a);
    void (*detach)(struct tw__acceptor *a);
} tw__acceptor;
#line 1937 "chapters/tier7-transports.nw"
tw_transport *tw__stream_transport_new(tw_loop *loop, int fd, tw_protocol *protocol,
                                       tw__acceptor *acceptor, tw_future *waiter);
tw_transport *tw__datagram_transport_new(tw_loop *loop, int fd, tw_protocol *protocol,
                                         const tw_sockaddr *address, tw_future *waiter);
#line 2215 "chapters/tier7-transports.nw"
tw_transport *tw__pipe_transport_new(tw_loop *loop, int fd, bool writer, tw_protocol *protocol,
                                     tw_future *waiter);
#line 852 "chapters/tier7-transports.nw"
#endif
