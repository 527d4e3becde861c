#line 463 "chapters/tier8-protocols.nw"
/* tower/server.h -- servers (see the book, tier 8) */
#ifndef TOWER_SERVER_H
#define TOWER_SERVER_H
#include "tower/protocol.h"

#line 473 "chapters/tier8-protocols.nw"
typedef struct tw_server tw_server;

typedef struct tw_server_options {
    int family;            /* AF_UNSPEC (0): every address the host resolves to */
    int backlog;           /* 0: 100, as asyncio */
    bool reuse_port;
    bool defer_serving;    /* start_serving=False */
    bool use_sock;         /* sock=: serve on sock instead of binding host and port */
    int sock;
    tw_tls_options tls;    /* ssl=, ssl_handshake_timeout=, ssl_shutdown_timeout= */
} tw_server_options;

tw_coro *tw_create_server(tw_loop *loop, tw_protocol_factory factory, void *arg,
                          const char *host, int port, const tw_server_options *options);
tw_coro *tw_create_unix_server(tw_loop *loop, tw_protocol_factory factory, void *arg,
                               const char *path, const tw_server_options *options);

tw_loop *tw_server_get_loop(const tw_server *s);
bool tw_server_is_serving(const tw_server *s);
size_t tw_server_nsockets(const tw_server *s);
int tw_server_socket(const tw_server *s, size_t i);
const tw_sockaddr *tw_server_sockname(const tw_server *s, size_t i);
tw_coro *tw_server_start_serving(tw_server *s);
void tw_server_close(tw_server *s);
tw_future *tw_server_wait_closed(tw_server *s);
tw_coro *tw_server_serve_forever(tw_server *s);
tw_coro *tw_server_exit(tw_server *s);

#undef TW__KINDS_8
#define TW__KINDS_8(F, x) F(tw_server, x)
#line 469 "chapters/tier8-protocols.nw"
#endif
