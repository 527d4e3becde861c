#line 1207 "chapters/tier7-transports.nw"
/* tier7.h -- what the files of tier 7 (transports) share; not installed. */
#ifndef TOWER_TIER7_H
#define TOWER_TIER7_H
#include "tier6.h"
#include "tower/transport.h"

#line 1359 "chapters/tier7-transports.nw"
tw_error *tw__error_named(tw_error *e, const char *type);
#line 1690 "chapters/tier7-transports.nw"
typedef struct tw__acceptor {
    void (*attach)(struct tw__acceptor *a);
    void (*detach)(struct tw__acceptor *a);
} tw__acceptor;
#line 1928 "chapters/tier7-transports.nw"
tw_error *tw__flow_limits(long *high, long *low, long default_high);
#line 2322 "chapters/tier7-transports.nw"
tw_transport *tw__stream_transport_new(tw_loop *loop, int fd, tw_protocol *protocol,
                                       tw__acceptor *acceptor, tw_future *waiter);
tw_transport *tw__datagram_transport_new(tw_loop *loop, int fd, tw_protocol *protocol,
                                         const tw_sockaddr *address, tw_future *waiter);
#line 2383 "chapters/tier7-transports.nw"
void tw__transport_force_close(tw_transport *t, tw_error *exc);
#line 2623 "chapters/tier7-transports.nw"
tw_transport *tw__pipe_transport_new(tw_loop *loop, int fd, bool writer, tw_protocol *protocol,
                                     tw_future *waiter);
#line 4096 "chapters/tier7-transports.nw"
tw_error *tw__gai_error(int rc);
tw_coro *tw__resolve_host(tw_loop *loop, const char *host, int port, int family, int type,
                          int flags);
#line 1591 "chapters/tier7-tls.nw"
struct tw_tls_options;
tw_protocol *tw__ssl_protocol_new(tw_loop *loop, tw_protocol *app_protocol,
                                  const struct tw_tls_options *options, bool server_side,
                                  bool call_connection_made, tw_future *waiter, tw_error **err);
tw_transport *tw__ssl_app_transport(tw_protocol *ssl_protocol);
void tw__tls_options_keep(struct tw_tls_options *dst, char **hostname,
                          const struct tw_tls_options *src);
void tw__tls_options_drop(struct tw_tls_options *o, char **hostname);
#line 166 "chapters/tier7-happy-eyeballs.nw"
int tw__new_socket(int family, int type, int protocol);
tw_error *tw__combined_connect_error(tw_error *const *errors, size_t n);
#line 1214 "chapters/tier7-transports.nw"
#endif
