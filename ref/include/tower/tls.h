#line 97 "chapters/tier7-tls.nw"
/* tower/tls.h -- TLS over stream transports (see the book, tier 7) */
#ifndef TOWER_TLS_H
#define TOWER_TLS_H
#include "tower/transport.h"

#line 119 "chapters/tier7-tls.nw"
typedef struct tw_ssl_context tw_ssl_context;

typedef enum tw_ssl_verify_mode {
    TW_CERT_NONE = 0,        /* ssl.CERT_NONE */
    TW_CERT_OPTIONAL,        /* ssl.CERT_OPTIONAL */
    TW_CERT_REQUIRED         /* ssl.CERT_REQUIRED */
} tw_ssl_verify_mode;

tw_error *tw_ssl_context_new_client(const char *cafile, tw_ssl_context **ctx);
tw_error *tw_ssl_context_new_server(const char *certfile, const char *keyfile,
                                    tw_ssl_context **ctx);
tw_error *tw_ssl_context_load_cert_chain(tw_ssl_context *ctx, const char *certfile,
                                         const char *keyfile);
tw_error *tw_ssl_context_load_verify_locations(tw_ssl_context *ctx, const char *cafile);
tw_error *tw_ssl_context_set_verify_mode(tw_ssl_context *ctx, tw_ssl_verify_mode mode);
void tw_ssl_context_set_check_hostname(tw_ssl_context *ctx, bool check);
tw_error *tw_ssl_context_set_alpn_protocols(tw_ssl_context *ctx, const char *const *protocols,
                                            size_t n);

#undef TW__KINDS_7
#define TW__KINDS_7(F, x) TW__KINDS_TRANSPORTS(F, x) F(tw_ssl_context, x)
#line 169 "chapters/tier7-tls.nw"
typedef struct tw_tls_options {
    tw_ssl_context *ssl;           /* NULL: no TLS (ssl=None) */
    const char *server_hostname;   /* NULL: the host connected to (clients only) */
    double ssl_handshake_timeout;  /* 0: 60 seconds */
    double ssl_shutdown_timeout;   /* 0: 30 seconds */
} tw_tls_options;
#line 187 "chapters/tier7-tls.nw"
tw_coro *tw_start_tls(tw_loop *loop, tw_transport *transport, tw_protocol *protocol,
                      bool server_side, const tw_tls_options *options);
#line 105 "chapters/tier7-tls.nw"
#endif
