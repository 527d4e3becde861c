#line 203 "chapters/tier7-tls.nw"
/* tls.c -- TLS: the SSL context, the SSL protocol and its transport, start_tls */
#include "tier7.h"
#include "tower/tls.h"
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#line 242 "chapters/tier7-tls.nw"
static tw_error *ssl_error(SSL *ssl, const char *hostname)
{
    unsigned long e = ERR_peek_last_error();
    const char *words = ERR_reason_error_string(e);
    const char *lib = ERR_GET_LIB(e) == ERR_LIB_SSL ? "SSL" : ERR_lib_error_string(e);
    char mnemonic[128];
    size_t i;
    tw_error *err;
    if (words == NULL)
        words = "unknown error";
    for (i = 0; words[i] && i + 1 < sizeof mnemonic; i++)
        mnemonic[i] = words[i] == ' ' ? '_'
                    : (words[i] >= 'a' && words[i] <= 'z') ? (char)(words[i] - 'a' + 'A')
                    : words[i];
    mnemonic[i] = '\0';
    ERR_clear_error();
    if (ssl && ERR_GET_LIB(e) == ERR_LIB_SSL
        && ERR_GET_REASON(e) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
        long v = SSL_get_verify_result(ssl);
        if (v == X509_V_ERR_HOSTNAME_MISMATCH || v == X509_V_ERR_IP_ADDRESS_MISMATCH)
            err = tw_error_new(TW_ERR_OS, "[SSL: %s] %s: %s mismatch, certificate is not valid "
                               "for '%s'.", mnemonic, words,
                               v == X509_V_ERR_HOSTNAME_MISMATCH ? "Hostname" : "IP address",
                               hostname ? hostname : "");
        else
            err = tw_error_new(TW_ERR_OS, "[SSL: %s] %s: %s", mnemonic, words,
                               X509_verify_cert_error_string(v));
        return tw__error_named(err, "SSLCertVerificationError");
    }
    return tw__error_named(tw_error_new(TW_ERR_OS, "[%s: %s] %s", lib ? lib : "SSL",
                                        mnemonic, words), "SSLError");
}
#line 285 "chapters/tier7-tls.nw"
struct tw_ssl_context {
    tw_object obj;
    SSL_CTX *ctx;
    bool server_side, check_hostname;
    tw_ssl_verify_mode verify;
    unsigned char *alpn;
    size_t alpn_len;
};

static void context_finalize(tw_object *o)
{
    tw_ssl_context *c = (tw_ssl_context *)o;
    SSL_CTX_free(c->ctx);
    free(c->alpn);
    free(c);
}

static void context_describe(tw_object *o, FILE *out)
{
    tw_ssl_context *c = (tw_ssl_context *)o;
    fprintf(out, "<SSLContext %s%s>", c->server_side ? "server" : "client",
            c->check_hostname ? " check_hostname" : "");
}

static const tw_class context_class = { context_finalize, context_describe, NULL };

static tw_ssl_context *context_new(bool server_side)
{
    tw_ssl_context *c = tw__alloc(sizeof *c);
    tw_object_init(&c->obj, &context_class, TW__SHARED);
    c->server_side = server_side;
    c->ctx = SSL_CTX_new(server_side ? TLS_server_method() : TLS_client_method());
    if (c->ctx == NULL)
        tw__fatal("SSL_CTX_new failed (out of memory)");
    SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(c->ctx, SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(c->ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_AUTO_RETRY);
    return c;
}

#line 332 "chapters/tier7-tls.nw"
static tw_error *readable(const char *path)
{
    if (path && access(path, R_OK) != 0)
        return tw_error_os(errno, "%s: '%s'", strerror(errno), path);
    return NULL;
}

tw_error *tw_ssl_context_load_cert_chain(tw_ssl_context *c, const char *certfile,
                                         const char *keyfile)
{
    tw_error *err;
    if ((err = readable(certfile)) || (err = readable(keyfile)))
        return err;
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(c->ctx, certfile) != 1
        || SSL_CTX_use_PrivateKey_file(c->ctx, keyfile ? keyfile : certfile,
                                       SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(c->ctx) != 1)
        return ssl_error(NULL, NULL);
    return NULL;
}

tw_error *tw_ssl_context_load_verify_locations(tw_ssl_context *c, const char *cafile)
{
    tw_error *err = readable(cafile);
    if (err)
        return err;
    ERR_clear_error();
    if (SSL_CTX_load_verify_locations(c->ctx, cafile, NULL) != 1)
        return ssl_error(NULL, NULL);
    return NULL;
}
#line 372 "chapters/tier7-tls.nw"
static void apply_verify(tw_ssl_context *c)
{
    int mode = c->verify == TW_CERT_NONE ? SSL_VERIFY_NONE : SSL_VERIFY_PEER;
    if (c->verify == TW_CERT_REQUIRED && c->server_side)
        mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    SSL_CTX_set_verify(c->ctx, mode, NULL);
}

tw_error *tw_ssl_context_set_verify_mode(tw_ssl_context *c, tw_ssl_verify_mode mode)
{
    if (mode == TW_CERT_NONE && c->check_hostname)
        return tw_error_new(TW_ERR_VALUE, "Cannot set verify_mode to CERT_NONE when "
                            "check_hostname is enabled.");
    if (mode < TW_CERT_NONE || mode > TW_CERT_REQUIRED)
        return tw_error_new(TW_ERR_VALUE, "invalid value for verify_mode");
    c->verify = mode;
    apply_verify(c);
    return NULL;
}

void tw_ssl_context_set_check_hostname(tw_ssl_context *c, bool check)
{
    c->check_hostname = check;
    if (check && c->verify == TW_CERT_NONE) {
        c->verify = TW_CERT_REQUIRED;
        apply_verify(c);
    }
}

tw_error *tw_ssl_context_new_client(const char *cafile, tw_ssl_context **ctx)
{
    tw_ssl_context *c = context_new(false);
    tw_error *err = NULL;
    tw_ssl_context_set_check_hostname(c, true);
    if (cafile)
        err = tw_ssl_context_load_verify_locations(c, cafile);
    else
        SSL_CTX_set_default_verify_paths(c->ctx);
    if (err) {
        tw_unref(c);
        c = NULL;
    }
    *ctx = c;
    return err;
}

tw_error *tw_ssl_context_new_server(const char *certfile, const char *keyfile,
                                    tw_ssl_context **ctx)
{
    tw_ssl_context *c = context_new(true);
    tw_error *err = certfile ? tw_ssl_context_load_cert_chain(c, certfile, keyfile) : NULL;
    apply_verify(c);
    if (err) {
        tw_unref(c);
        c = NULL;
    }
    *ctx = c;
    return err;
}
#line 439 "chapters/tier7-tls.nw"
static int alpn_select(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    tw_ssl_context *c = arg;
    unsigned char *chosen;
    (void)ssl;
    if (SSL_select_next_proto(&chosen, outlen, c->alpn, (unsigned)c->alpn_len, in, inlen)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

tw_error *tw_ssl_context_set_alpn_protocols(tw_ssl_context *c, const char *const *protocols,
                                            size_t n)
{
    size_t len = 0, at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(protocols[i]);
        if (k == 0 || k > 255)
            return tw_error_new(TW_ERR_VALUE, "ALPN protocols must be 1 to 255 in length");
        len += k + 1;
    }
    free(c->alpn);
    c->alpn = tw__alloc(len ? len : 1);
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(protocols[i]);
        c->alpn[at++] = (unsigned char)k;
        memcpy(c->alpn + at, protocols[i], k);
        at += k;
    }
    c->alpn_len = len;
    if (c->server_side)
        SSL_CTX_set_alpn_select_cb(c->ctx, alpn_select, c);
    else
        SSL_CTX_set_alpn_protos(c->ctx, c->alpn, (unsigned)len);
    return NULL;
}
#line 503 "chapters/tier7-tls.nw"
enum ssl_state { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN };
enum app_state { APP_INIT, APP_CON_MADE, APP_EOF, APP_CON_LOST };
enum pending { HANDSHAKE_TIMER, SHUTDOWN_TIMER, SOON_CLOSE, SOON_RESUME, SOON_READ,
               SOON_APP_LOST, NPENDING };
enum { HIGH_READ = 256 * 1024, HIGH_WRITE = 512 * 1024, MAX_READ = 256 * 1024,
       WARN_WRITES_AFTER_LOSS = 5 };

struct ssl_transport;

struct sslproto {
    tw_protocol base;
    tw__resource res;
    tw_loop *loop;
    tw_ssl_context *ctx;
    SSL *ssl;
    BIO *incoming, *outgoing;
    uint64_t drained;              /* BIO_number_written(outgoing) when last sent */
    struct ssl_transport *app;
    tw_transport *transport;
    tw_future *waiter;
    char *server_hostname;
    double handshake_timeout, shutdown_timeout;
    enum ssl_state state;
    enum app_state app_state;
    int conn_lost;
    bool handshaken, eof_received, holding;
    bool ssl_writing_paused, app_reading_paused, ssl_reading_paused, app_writing_paused;
    size_t in_high, in_low, out_high, out_low;
    char *backlog;
    size_t bstart, blen, bcap;
    tw_handle *pending[NPENDING];
    tw_error *lost_exc;
};

struct ssl_transport {
    tw_transport base;
    struct sslproto *sp;
    bool closed;
};

static tw_protocol *app_protocol(struct sslproto *sp) { return sp->app->base.protocol; }
#line 560 "chapters/tier7-tls.nw"
static void hold_clock(struct sslproto *sp, bool hold)
{
    if (hold == sp->holding)
        return;
    sp->holding = hold;
    if (hold)
        tw_loop_hold(sp->loop);
    else
        tw_loop_unhold(sp->loop);
}

static void set_state(struct sslproto *sp, enum ssl_state to)
{
    if (to != UNWRAPPED && to != sp->state + 1)
        tw__fatal("SSLProtocol: cannot switch state from %d to %d", (int)sp->state, (int)to);
    sp->state = to;
    hold_clock(sp, to == DO_HANDSHAKE || to == FLUSHING || to == SHUTDOWN);
}
#line 586 "chapters/tier7-tls.nw"
static void fatal_error(struct sslproto *sp, tw_error *exc, const char *message)
{
    if (sp->transport)
        tw__transport_force_close(sp->transport, tw_ref(exc));
    if (!tw_error_is(exc, TW_ERR_OS) && !tw_error_is(exc, TW_ERR_CANCELLED)) {
        tw_context_item items[2] = {
            { "transport", sp->transport ? sp->transport->cls->name : "None" },
            { "protocol", "SSLProtocol" },
        };
        tw_context ctx = { .message = message, .error = exc, .nitems = 2, .items = items };
        tw_loop_call_exception_handler(sp->loop, &ctx);
    }
    tw_unref(exc);
}

static void wakeup_waiter(struct sslproto *sp, tw_error *exc)
{
    if (sp->waiter == NULL)
        return;
    if (!tw_future_cancelled(sp->waiter)) {
        if (exc)
            tw_future_set_exception(sp->waiter, tw_ref(exc));
        else
            tw_unref(tw_future_set_result(sp->waiter, TW_NONE));
    }
    tw_unref(sp->waiter);
    sp->waiter = NULL;
}
#line 628 "chapters/tier7-tls.nw"
static void later(struct sslproto *sp, enum pending which, double delay, tw_callback_fn fn)
{
    tw_error *err;
    if (sp->pending[which])
        return;
    err = delay < 0 ? tw_call_soon(sp->loop, fn, sp, &sp->pending[which])
                    : tw_call_later(sp->loop, delay, fn, sp, &sp->pending[which]);
    if (err) {
        tw_unref(err);
        sp->pending[which] = NULL;
        return;
    }
    tw_ref(&sp->base);
}

static void cancel(struct sslproto *sp, enum pending which)
{
    tw_handle *h = sp->pending[which];
    if (h == NULL)
        return;
    sp->pending[which] = NULL;
    tw_handle_cancel(h);
    tw_handle_release(h);
    tw_unref(&sp->base);
}

/* A pending callback starts by taking its handle back; it drops the
   reference last, since that may free the protocol. */
static void took(struct sslproto *sp, enum pending which)
{
    tw_handle_release(sp->pending[which]);
    sp->pending[which] = NULL;
}

static void ssl_loop_closed(tw__resource *r)
{
    struct sslproto *sp = (struct sslproto *)(void *)((char *)r - offsetof(struct sslproto, res));
    tw_ref(&sp->base);
    for (int i = 0; i < NPENDING; i++)
        cancel(sp, (enum pending)i);
    hold_clock(sp, false);
    tw__resource_detach(sp->loop, &sp->res);
    tw_unref(&sp->base);
}
#line 683 "chapters/tier7-tls.nw"
static tw_error *on_handshake_complete(struct sslproto *sp, tw_error *exc);
static void process_outgoing(struct sslproto *sp);
static tw_error *do_read(struct sslproto *sp);

static bool again(SSL *ssl, int ret)
{
    int e = SSL_get_error(ssl, ret);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_SYSCALL;
}

static tw_error *do_handshake(struct sslproto *sp)
{
    int ret;
    ERR_clear_error();
    ret = SSL_do_handshake(sp->ssl);
    if (ret == 1)
        return on_handshake_complete(sp, NULL);
    if (again(sp->ssl, ret)) {
        process_outgoing(sp);
        return NULL;
    }
    return on_handshake_complete(sp, ssl_error(sp->ssl, sp->server_hostname));
}

static void seconds(char *buf, size_t n, double s)
{
    snprintf(buf, n, "%g", s);
    if (strspn(buf, "-0123456789") == strlen(buf))
        strncat(buf, ".0", n - strlen(buf) - 1);
}

static tw_error *check_handshake_timeout(void *arg)
{
    struct sslproto *sp = arg;
    took(sp, HANDSHAKE_TIMER);
    if (sp->state == DO_HANDSHAKE) {
        char t[32];
        seconds(t, sizeof t, sp->handshake_timeout);
        fatal_error(sp, tw__error_named(tw_error_new(TW_ERR_CONNECTION,
                    "SSL handshake is taking longer than %s seconds: aborting the connection",
                    t), "ConnectionAbortedError"), "Fatal error on transport");
    }
    tw_unref(&sp->base);
    return NULL;
}

static tw_error *start_handshake(struct sslproto *sp)
{
    set_state(sp, DO_HANDSHAKE);
    later(sp, HANDSHAKE_TIMER, sp->handshake_timeout, check_handshake_timeout);
    return do_handshake(sp);
}
#line 750 "chapters/tier7-tls.nw"
static tw_error *on_handshake_complete(struct sslproto *sp, tw_error *exc)
{
    tw_error *err = NULL;
    cancel(sp, HANDSHAKE_TIMER);
    if (exc) {
        bool cert = strcmp(tw_error_type(exc), "SSLCertVerificationError") == 0;
        set_state(sp, UNWRAPPED);
        wakeup_waiter(sp, exc);
        fatal_error(sp, exc, cert ? "SSL handshake failed on verifying the certificate"
                                  : "SSL handshake failed");
        return NULL;
    }
    set_state(sp, WRAPPED);
    sp->handshaken = true;
    if (sp->app_state == APP_INIT) {
        sp->app_state = APP_CON_MADE;
        err = tw_protocol_connection_made(app_protocol(sp), &sp->app->base);
    }
    wakeup_waiter(sp, NULL);
    if (err)
        return err;
    return do_read(sp);
}
#line 789 "chapters/tier7-tls.nw"
static void do_abort(struct sslproto *sp)
{
    set_state(sp, UNWRAPPED);
    if (sp->transport)
        tw_transport_abort(sp->transport);
}

static tw_error *close_transport_soon(void *arg)
{
    struct sslproto *sp = arg;
    took(sp, SOON_CLOSE);
    if (sp->transport)
        tw_transport_close(sp->transport);
    tw_unref(&sp->base);
    return NULL;
}

static void on_shutdown_complete(struct sslproto *sp, tw_error *exc)
{
    cancel(sp, SHUTDOWN_TIMER);
    if (exc)
        fatal_error(sp, exc, "Fatal error on transport");
    else
        later(sp, SOON_CLOSE, -1, close_transport_soon);
}

static tw_error *call_eof_received(struct sslproto *sp);

static tw_error *do_shutdown(struct sslproto *sp)
{
    if (!sp->eof_received) {
        int ret;
        ERR_clear_error();
        ret = SSL_shutdown(sp->ssl);
        if (ret == 0)
            ret = SSL_shutdown(sp->ssl);
        if (ret < 0) {
            if (again(sp->ssl, ret))
                process_outgoing(sp);
            else
                on_shutdown_complete(sp, ssl_error(sp->ssl, sp->server_hostname));
            return NULL;
        }
    }
    process_outgoing(sp);
    {
        tw_error *err = call_eof_received(sp);
        on_shutdown_complete(sp, NULL);
        return err;
    }
}

static tw_error *do_flush(struct sslproto *sp)
{
    tw_error *err = do_read(sp);
    if (sp->state != FLUSHING)
        return err;
    set_state(sp, SHUTDOWN);
    if (err)
        return err;
    return do_shutdown(sp);
}

static tw_error *check_shutdown_timeout(void *arg)
{
    struct sslproto *sp = arg;
    took(sp, SHUTDOWN_TIMER);
    if ((sp->state == FLUSHING || sp->state == SHUTDOWN) && sp->transport)
        tw__transport_force_close(sp->transport,
                                  tw_error_new(TW_ERR_TIMEOUT, "SSL shutdown timed out"));
    tw_unref(&sp->base);
    return NULL;
}

static tw_error *start_shutdown(struct sslproto *sp)
{
    if (sp->state == FLUSHING || sp->state == SHUTDOWN || sp->state == UNWRAPPED)
        return NULL;
    if (sp->app)
        sp->app->closed = true;
    if (sp->state == DO_HANDSHAKE) {
        do_abort(sp);
        return NULL;
    }
    set_state(sp, FLUSHING);
    later(sp, SHUTDOWN_TIMER, sp->shutdown_timeout, check_shutdown_timeout);
    return do_flush(sp);
}
#line 895 "chapters/tier7-tls.nw"
static void control_app_writing(struct sslproto *sp);

static bool nothing_new(const struct sslproto *sp)
{
    return BIO_number_written(sp->outgoing) == sp->drained;
}

static void process_outgoing(struct sslproto *sp)
{
    if (!sp->ssl_writing_paused && sp->transport && !nothing_new(sp)) {
        char *data;
        long n = BIO_get_mem_data(sp->outgoing, &data);
        if (n > 0) {
            tw_unref(tw_transport_write(sp->transport, data, (size_t)n));
            (void)BIO_reset(sp->outgoing);
        }
        sp->drained = BIO_number_written(sp->outgoing);
    }
    control_app_writing(sp);
}

/* Encrypts what OpenSSL takes of DATA into [[outgoing]]; *TAKEN says how much. */
static tw_error *encrypt(struct sslproto *sp, const char *data, size_t n, size_t *taken)
{
    *taken = 0;
    ERR_clear_error();
    while (*taken < n) {
        size_t rest = n - *taken;
        int ret = SSL_write(sp->ssl, data + *taken, rest > INT_MAX ? INT_MAX : (int)rest);
        if (ret <= 0)
            return again(sp->ssl, ret) ? NULL : ssl_error(sp->ssl, sp->server_hostname);
        *taken += (size_t)ret;
    }
    return NULL;
}

static tw_error *do_write(struct sslproto *sp)
{
    size_t taken;
    tw_error *err = encrypt(sp, sp->backlog + sp->bstart, sp->blen, &taken);
    if (err)
        return err;
    sp->bstart += taken;
    sp->blen -= taken;
    if (sp->blen == 0)
        sp->bstart = 0;
    process_outgoing(sp);
    return NULL;
}

static void backlog_append(struct sslproto *sp, const void *data, size_t n)
{
    if (sp->bstart + sp->blen + n > sp->bcap) {
        if (sp->blen)
            memmove(sp->backlog, sp->backlog + sp->bstart, sp->blen);
        sp->bstart = 0;
        if (sp->blen + n > sp->bcap) {
            size_t cap = sp->bcap ? sp->bcap : 16384;
            while (cap < sp->blen + n)
                cap *= 2;
            sp->backlog = tw__realloc(sp->backlog, cap);
            sp->bcap = cap;
        }
    }
    memcpy(sp->backlog + sp->bstart + sp->blen, data, n);
    sp->blen += n;
}

static void write_appdata(struct sslproto *sp, const struct iovec *iov, size_t cnt)
{
    tw_error *err;
    if (sp->state == FLUSHING || sp->state == SHUTDOWN || sp->state == UNWRAPPED) {
        if (sp->conn_lost >= WARN_WRITES_AFTER_LOSS) {
            fflush(stdout);
            fprintf(stderr, "SSL connection is closed\n");
        }
        sp->conn_lost++;
        return;
    }
    if (sp->state == WRAPPED && sp->blen == 0 && cnt == 1) {
        
#line 995 "chapters/tier7-tls.nw"
size_t taken;
if ((err = encrypt(sp, iov[0].iov_base, iov[0].iov_len, &taken)) != NULL) {
    fatal_error(sp, err, "Fatal error on SSL protocol");
    return;
}
if (taken < iov[0].iov_len)
    backlog_append(sp, (const char *)iov[0].iov_base + taken, iov[0].iov_len - taken);
process_outgoing(sp);
#line 976 "chapters/tier7-tls.nw"
        return;
    }
    for (size_t i = 0; i < cnt; i++)
        if (iov[i].iov_len)
            backlog_append(sp, iov[i].iov_base, iov[i].iov_len);
    if (sp->state == WRAPPED && (err = do_write(sp)) != NULL)
        fatal_error(sp, err, "Fatal error on SSL protocol");
}
#line 1012 "chapters/tier7-tls.nw"
static size_t write_buffer_size(const struct sslproto *sp)
{
    return BIO_ctrl_pending(sp->outgoing) + sp->blen;
}

static void report_flow_error(struct sslproto *sp, tw_error *err, const char *message)
{
    tw_context_item items[2] = { { "transport", "_SSLProtocolTransport" },
                                 { "protocol", "SSLProtocol" } };
    tw_context ctx = { .message = message, .error = err, .nitems = 2, .items = items };
    tw_loop_call_exception_handler(sp->loop, &ctx);
    tw_unref(err);
}

static void control_app_writing(struct sslproto *sp)
{
    size_t size = write_buffer_size(sp);
    tw_error *err;
    if (sp->app == NULL || sp->app->base.protocol == NULL)
        return;
    if (size >= sp->out_high && !sp->app_writing_paused) {
        sp->app_writing_paused = true;
        if ((err = tw_protocol_pause_writing(app_protocol(sp))) != NULL)
            report_flow_error(sp, err, "protocol.pause_writing() failed");
    } else if (size <= sp->out_low && sp->app_writing_paused) {
        sp->app_writing_paused = false;
        if ((err = tw_protocol_resume_writing(app_protocol(sp))) != NULL)
            report_flow_error(sp, err, "protocol.resume_writing() failed");
    }
}
#line 1056 "chapters/tier7-tls.nw"
struct plain { char *buf; size_t cap; bool busy; };

static void plain_release(tw_loop *L, void *state)
{
    (void)L;
    free(((struct plain *)state)->buf);
}

static tw__loop_key plain_key;

static tw_error *call_eof_received(struct sslproto *sp)
{
    bool keep_open = false;
    tw_error *err;
    if (sp->app_state != APP_CON_MADE)
        return NULL;
    sp->app_state = APP_EOF;
    /* Returning true has no effect over TLS; CPython only logs a warning. */
    err = tw_protocol_eof_received(app_protocol(sp), &keep_open);
    if (err)
        fatal_error(sp, err, "Error calling eof_received()");
    return NULL;
}

static tw_error *read_copied(struct sslproto *sp, bool *eof)
{
    struct plain *pl = tw__loop_state(sp->loop, &plain_key, sizeof *pl, plain_release);
    struct plain own = { 0 }, *use = pl->busy ? &own : pl;
    size_t len = 0;
    tw_error *err = NULL;
    use->busy = true;
    ERR_clear_error();                    /* once: a read that succeeds leaves no error */
    for (;;) {
        int ret;
        if (use->cap - len < MAX_READ) {
            use->cap = use->cap ? 2 * use->cap : MAX_READ;
            use->buf = tw__realloc(use->buf, use->cap);
        }
        ret = SSL_read(sp->ssl, use->buf + len, (int)(use->cap - len > INT_MAX ? INT_MAX
                                                                              : use->cap - len));
        if (ret > 0) {
            len += (size_t)ret;
            continue;
        }
        if (SSL_get_error(sp->ssl, ret) == SSL_ERROR_ZERO_RETURN)
            *eof = true;
        else if (!again(sp->ssl, ret))
            err = ssl_error(sp->ssl, sp->server_hostname);
        break;
    }
    if (len > 0 && err == NULL)
        err = tw_protocol_data_received(app_protocol(sp), use->buf, len);
    use->busy = false;
    free(own.buf);
    return err;
}
#line 1119 "chapters/tier7-tls.nw"
static tw_error *read_soon(void *arg);

static tw_error *read_buffered(struct sslproto *sp, bool *eof)
{
    void *buf;
    size_t want, offset = 0;
    tw_error *err = tw_protocol_get_buffer(app_protocol(sp), (long)BIO_ctrl_pending(sp->incoming),
                                           &buf, &want);
    if (err)
        return err;
    ERR_clear_error();
    while (offset < want) {
        size_t n = want - offset;
        int ret;
        ret = SSL_read(sp->ssl, (char *)buf + offset, n > INT_MAX ? INT_MAX : (int)n);
        if (ret > 0) {
            offset += (size_t)ret;
            continue;
        }
        if (SSL_get_error(sp->ssl, ret) == SSL_ERROR_ZERO_RETURN)
            *eof = true;
        else if (!again(sp->ssl, ret))
            err = ssl_error(sp->ssl, sp->server_hostname);
        break;
    }
    if (offset == want && want > 0)
        later(sp, SOON_READ, -1, read_soon);
    if (offset > 0 && err == NULL)
        err = tw_protocol_buffer_updated(app_protocol(sp), offset);
    return err;
}
#line 1159 "chapters/tier7-tls.nw"
static void control_ssl_reading(struct sslproto *sp)
{
    size_t size = BIO_ctrl_pending(sp->incoming);
    if (sp->transport == NULL)
        return;
    if (size >= sp->in_high && !sp->ssl_reading_paused) {
        sp->ssl_reading_paused = true;
        tw_transport_pause_reading(sp->transport);
    } else if (size <= sp->in_low && sp->ssl_reading_paused) {
        sp->ssl_reading_paused = false;
        tw_transport_resume_reading(sp->transport);
    }
}

static tw_error *do_read(struct sslproto *sp)
{
    tw_error *err = NULL;
    bool eof = false;
    if (sp->state != WRAPPED && sp->state != FLUSHING)
        return NULL;
    if (!sp->app_reading_paused) {
        err = app_protocol(sp)->cls->kind == TW_PROTOCOL_BUFFERED ? read_buffered(sp, &eof)
                                                                  : read_copied(sp, &eof);
        if (err == NULL && eof) {
            call_eof_received(sp);
            err = start_shutdown(sp);
        }
        if (err == NULL && sp->state != UNWRAPPED && sp->blen)
            err = do_write(sp);
        else if (err == NULL && sp->state != UNWRAPPED && !nothing_new(sp))
            process_outgoing(sp);
    }
    if (err) {
        fatal_error(sp, err, "Fatal error on SSL protocol");
        return NULL;
    }
    control_ssl_reading(sp);
    return NULL;
}

static tw_error *read_soon(void *arg)
{
    struct sslproto *sp = arg;
    took(sp, SOON_READ);
    do_read(sp);
    tw_unref(&sp->base);
    return NULL;
}
#line 1220 "chapters/tier7-tls.nw"
static tw_error *step(struct sslproto *sp)
{
    switch (sp->state) {
    case DO_HANDSHAKE: return do_handshake(sp);
    case WRAPPED: return do_read(sp);
    case FLUSHING: return do_flush(sp);
    case SHUTDOWN: return do_shutdown(sp);
    case UNWRAPPED: break;
    }
    return NULL;
}

static tw_error *escaped(struct sslproto *sp, tw_error *err)
{
    if (err && sp->transport)
        tw_transport_close(sp->transport);
    return err;
}

#define SP(p) ((struct sslproto *)(void *)(p))

static tw_error *ssl_connection_made(tw_protocol *p, tw_transport *t)
{
    SP(p)->transport = t;
    return escaped(SP(p), start_handshake(SP(p)));
}

static tw_error *ssl_data_received(tw_protocol *p, const void *data, size_t n)
{
    struct sslproto *sp = SP(p);
    BIO_write(sp->incoming, data, (int)n);
    return escaped(sp, step(sp));
}

static tw_error *ssl_eof_received(tw_protocol *p, bool *keep_open)
{
    struct sslproto *sp = SP(p);
    tw_error *err = NULL;
    sp->eof_received = true;
    switch (sp->state) {
    case DO_HANDSHAKE:
        err = on_handshake_complete(sp, tw_error_new(TW_ERR_CONNECTION_RESET, "%s", ""));
        break;
    case WRAPPED:
        set_state(sp, FLUSHING);
        if (sp->app_reading_paused)
            *keep_open = true;
        else
            err = do_flush(sp);
        break;
    case FLUSHING:
        err = do_write(sp);
        set_state(sp, SHUTDOWN);
        if (err == NULL)
            err = do_shutdown(sp);
        break;
    case SHUTDOWN:
        err = do_shutdown(sp);
        break;
    case UNWRAPPED:
        break;
    }
    return escaped(sp, err);
}
#line 1292 "chapters/tier7-tls.nw"
static tw_error *app_lost_soon(void *arg)
{
    struct sslproto *sp = arg;
    tw_error *exc = sp->lost_exc, *err;
    took(sp, SOON_APP_LOST);
    sp->lost_exc = NULL;
    err = tw_protocol_connection_lost(app_protocol(sp), exc);
    tw_unref(exc);
    tw_unref(&sp->base);
    return err;
}

static tw_error *ssl_connection_lost(tw_protocol *p, tw_error *exc)
{
    struct sslproto *sp = SP(p);
    sp->bstart = sp->blen = 0;
    (void)BIO_reset(sp->outgoing);
    sp->conn_lost++;
    sp->app->closed = true;
    if (sp->state != DO_HANDSHAKE
        && (sp->app_state == APP_CON_MADE || sp->app_state == APP_EOF)) {
        sp->app_state = APP_CON_LOST;
        sp->lost_exc = tw_ref(exc);
        later(sp, SOON_APP_LOST, -1, app_lost_soon);
    }
    set_state(sp, UNWRAPPED);
    sp->transport = NULL;
    wakeup_waiter(sp, exc);
    cancel(sp, SHUTDOWN_TIMER);
    cancel(sp, HANDSHAKE_TIMER);
    return NULL;
}

static tw_error *ssl_pause_writing(tw_protocol *p)
{
    SP(p)->ssl_writing_paused = true;
    return NULL;
}

static tw_error *ssl_resume_writing(tw_protocol *p)
{
    SP(p)->ssl_writing_paused = false;
    process_outgoing(SP(p));
    return NULL;
}
#line 1344 "chapters/tier7-tls.nw"
static void ssl_destroy(tw_protocol *p)
{
    struct sslproto *sp = SP(p);
    if (tw__resource_attached(&sp->res)) {
        hold_clock(sp, false);
        tw__resource_detach(sp->loop, &sp->res);
    }
    SSL_free(sp->ssl);
    tw_unref(sp->ctx);
    sp->app->sp = NULL;
    sp->app->closed = true;
    tw_unref(&sp->app->base);
    tw_unref(sp->waiter);
    tw_unref(sp->lost_exc);
    free(sp->backlog);
    free(sp->server_hostname);
}

static const tw_protocol_class sslproto_class = {
    .name = "SSLProtocol",
    .kind = TW_PROTOCOL_STREAM,
    .connection_made = ssl_connection_made,
    .connection_lost = ssl_connection_lost,
    .pause_writing = ssl_pause_writing,
    .resume_writing = ssl_resume_writing,
    .data_received = ssl_data_received,
    .eof_received = ssl_eof_received,
    .destroy = ssl_destroy,
};
#line 1382 "chapters/tier7-tls.nw"
#define APP(t) ((struct ssl_transport *)(void *)(t))

static void app_close(tw_transport *t)
{
    if (APP(t)->closed || APP(t)->sp == NULL) {
        APP(t)->closed = true;
        return;
    }
    tw_error *err;
    APP(t)->closed = true;
    err = start_shutdown(APP(t)->sp);
    if (err)
        fatal_error(APP(t)->sp, err, "Fatal error on SSL protocol");
}

static bool app_is_closing(const tw_transport *t) { return APP(t)->closed; }

static void app_abort(tw_transport *t)
{
    APP(t)->closed = true;
    if (APP(t)->sp)
        do_abort(APP(t)->sp);
}

static tw_error *app_writelines(tw_transport *t, const struct iovec *iov, size_t n)
{
    if (APP(t)->sp)
        write_appdata(APP(t)->sp, iov, n);
    return NULL;
}

static tw_error *app_write(tw_transport *t, const void *data, size_t n)
{
    struct iovec iov = { (void *)data, n };
    return n ? app_writelines(t, &iov, 1) : NULL;
}

static tw_error *app_write_eof(tw_transport *t)
{
    (void)t;
    return tw_error_user("NotImplementedError", "%s", "");
}

static bool app_can_write_eof(const tw_transport *t)
{
    (void)t;
    return false;
}
#line 1437 "chapters/tier7-tls.nw"
static bool app_is_reading(const tw_transport *t)
{
    return APP(t)->sp && !APP(t)->sp->app_reading_paused;
}

static void app_pause_reading(tw_transport *t)
{
    if (APP(t)->sp)
        APP(t)->sp->app_reading_paused = true;
}

static tw_error *resume_soon(void *arg)
{
    struct sslproto *sp = arg;
    tw_error *err = NULL;
    took(sp, SOON_RESUME);
    if (sp->state == WRAPPED)
        err = do_read(sp);
    else if (sp->state == FLUSHING)
        err = do_flush(sp);
    else if (sp->state == SHUTDOWN)
        err = do_shutdown(sp);
    tw_unref(&sp->base);
    return err;
}

static void app_resume_reading(tw_transport *t)
{
    struct sslproto *sp = APP(t)->sp;
    if (sp && sp->app_reading_paused) {
        sp->app_reading_paused = false;
        later(sp, SOON_RESUME, -1, resume_soon);
    }
}
#line 1486 "chapters/tier7-tls.nw"
static size_t app_buffer_size(const tw_transport *t)
{
    return APP(t)->sp ? write_buffer_size(APP(t)->sp) : 0;
}

static void app_get_limits(const tw_transport *t, size_t *low, size_t *high)
{
    struct sslproto *sp = APP(t)->sp;
    *low = sp ? sp->out_low : 0;
    *high = sp ? sp->out_high : 0;
}

static tw_error *app_set_limits(tw_transport *t, long high, long low)
{
    struct sslproto *sp = APP(t)->sp;
    tw_error *err = tw__flow_limits(&high, &low, HIGH_WRITE);
    if (err || sp == NULL)
        return err;
    sp->out_high = (size_t)high;
    sp->out_low = (size_t)low;
    control_app_writing(sp);
    return NULL;
}

static bool app_get_extra_info(tw_transport *t, const char *name, tw_value *v)
{
    struct sslproto *sp = APP(t)->sp;
    if (sp == NULL)
        return false;
    if (strcmp(name, "sslcontext") == 0) {
        *v = TW_PTR(sp->ctx);
        return true;
    }
    if (sp->handshaken) {
        if (strcmp(name, "ssl_object") == 0)
            *v = TW_PTR(sp->ssl);
        else if (strcmp(name, "peercert") == 0)
            *v = TW_PTR(SSL_get0_peer_certificate(sp->ssl));
        else if (strcmp(name, "cipher") == 0)
            *v = TW_STR(SSL_CIPHER_get_name(SSL_get_current_cipher(sp->ssl)));
        else if (strcmp(name, "compression") == 0) {
            const COMP_METHOD *method = SSL_get_current_compression(sp->ssl);
            *v = method ? TW_STR(SSL_COMP_get_name(method)) : TW_NONE;
        }
        else
            goto below;
        return true;
    }
below:
    return sp->transport && sp->transport->cls->get_extra_info
           && sp->transport->cls->get_extra_info(sp->transport, name, v);
}

static void app_destroy(tw_transport *t) { free(APP(t)); }

/* asyncio's _protocol_paused, for loop.sendfile's fallback (its
   _sendfile_compatible is FALLBACK) */
static bool app_writing_paused(const tw_transport *t)
{
    return APP(t)->sp && APP(t)->sp->app_writing_paused;
}

static const tw_transport_class app_class = {
    .name = "_SSLProtocolTransport",
    .kinds = TW_TRANSPORT_STREAM,
    .close = app_close,
    .is_closing = app_is_closing,
    .get_extra_info = app_get_extra_info,
    .is_reading = app_is_reading,
    .pause_reading = app_pause_reading,
    .resume_reading = app_resume_reading,
    .write = app_write,
    .writelines = app_writelines,
    .write_eof = app_write_eof,
    .can_write_eof = app_can_write_eof,
    .abort = app_abort,
    .get_write_buffer_size = app_buffer_size,
    .get_write_buffer_limits = app_get_limits,
    .set_write_buffer_limits = app_set_limits,
    .writing_paused = app_writing_paused,
    .destroy = app_destroy,
};
#line 1606 "chapters/tier7-tls.nw"
void tw__tls_options_keep(tw_tls_options *dst, char **hostname, const tw_tls_options *src)
{
    static const tw_tls_options none;
    *dst = src ? *src : none;
    tw_ref(dst->ssl);
    *hostname = tw__strdup(dst->server_hostname);
    dst->server_hostname = *hostname;
}

void tw__tls_options_drop(tw_tls_options *o, char **hostname)
{
    tw_unref(o->ssl);
    o->ssl = NULL;
    free(*hostname);
    *hostname = NULL;
    o->server_hostname = NULL;
}
#line 1626 "chapters/tier7-tls.nw"
static tw_error *check_timeout(const char *what, double *t, double dflt)
{
    char s[32];
    if (*t == 0) {
        *t = dflt;
        return NULL;
    }
    if (*t > 0)
        return NULL;
    seconds(s, sizeof s, *t);
    return tw_error_new(TW_ERR_VALUE, "%s should be a positive number, got %s", what, s);
}

static tw_error *make_ssl(struct sslproto *sp, bool server_side, const char *hostname)
{
    unsigned char ip[16];
    bool is_ip = hostname && (inet_pton(AF_INET, hostname, ip) == 1
                              || inet_pton(AF_INET6, hostname, ip) == 1);
    sp->ssl = SSL_new(sp->ctx->ctx);
    sp->incoming = BIO_new(BIO_s_mem());
    sp->outgoing = BIO_new(BIO_s_mem());
    if (sp->ssl == NULL || sp->incoming == NULL || sp->outgoing == NULL)
        tw__fatal("SSL_new failed (out of memory)");
    BIO_set_mem_eof_return(sp->incoming, -1);
    BIO_set_mem_eof_return(sp->outgoing, -1);
    SSL_set_bio(sp->ssl, sp->incoming, sp->outgoing);
    if (server_side) {
        SSL_set_accept_state(sp->ssl);
        return NULL;
    }
    SSL_set_connect_state(sp->ssl);
    if (hostname == NULL || *hostname == '\0')
        return NULL;
    sp->server_hostname = tw__strdup(hostname);
    if (!is_ip)
        SSL_set_tlsext_host_name(sp->ssl, hostname);
    if (sp->ctx->check_hostname) {
        X509_VERIFY_PARAM *param = SSL_get0_param(sp->ssl);
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        if (is_ip)
            X509_VERIFY_PARAM_set1_ip_asc(param, hostname);
        else
            X509_VERIFY_PARAM_set1_host(param, hostname, 0);
    }
    return NULL;
}
#line 1675 "chapters/tier7-tls.nw"
tw_protocol *tw__ssl_protocol_new(tw_loop *L, tw_protocol *app_protocol,
                                  const tw_tls_options *o, bool server_side,
                                  bool call_connection_made, tw_future *waiter, tw_error **err)
{
    struct sslproto *sp;
    struct ssl_transport *app;
    double hs = o->ssl_handshake_timeout, sd = o->ssl_shutdown_timeout;
    *err = check_timeout("ssl_handshake_timeout", &hs, 60.0);
    if (*err == NULL)
        *err = check_timeout("ssl_shutdown_timeout", &sd, 30.0);
    if (*err == NULL && server_side && !o->ssl->server_side)
        *err = tw_error_new(TW_ERR_VALUE, "Cannot create a server socket with a "
                            "PROTOCOL_TLS_CLIENT context");
    if (*err) {
        tw_unref(app_protocol);
        return NULL;
    }
    sp = tw_protocol_new(&sslproto_class, sizeof *sp);
    sp->loop = L;
    sp->ctx = tw_ref(o->ssl);
    sp->handshake_timeout = hs;
    sp->shutdown_timeout = sd;
    sp->waiter = waiter ? tw_ref(waiter) : NULL;
    sp->app_state = call_connection_made ? APP_INIT : APP_CON_MADE;
    sp->in_high = HIGH_READ;
    sp->in_low = HIGH_READ / 4;
    sp->out_high = HIGH_WRITE;
    sp->out_low = HIGH_WRITE / 4;
    app = tw__alloc(sizeof *app);
    tw_transport_init(&app->base, &app_class, L, app_protocol);
    app->sp = sp;
    sp->app = app;
    tw__resource_attach(L, &sp->res, ssl_loop_closed);
    *err = make_ssl(sp, server_side, server_side ? NULL : o->server_hostname);
    if (*err) {
        tw_unref(&sp->base);
        return NULL;
    }
    return &sp->base;
}

tw_transport *tw__ssl_app_transport(tw_protocol *p) { return &SP(p)->app->base; }
#line 1729 "chapters/tier7-tls.nw"
struct start_tls_frame {
    tw_coro co;
    tw_error *err;
    tw_transport *transport;
    tw_protocol *sp;
    tw_future *waiter;
    tw_handle *begin;
};

static void start_tls_cleanup(tw_coro *co)
{
    struct start_tls_frame *f = (struct start_tls_frame *)co;
    if (f->begin) {
        tw_handle_cancel(f->begin);
        tw_handle_release(f->begin);
    }
    tw_unref(f->err);
    tw_unref(f->waiter);
    tw_unref(f->sp);
    tw_unref(f->transport);
}

static tw_error *start_tls_begin(void *arg)
{
    struct start_tls_frame *f = arg;
    tw_error *err;
    tw_handle_release(f->begin);
    f->begin = NULL;
    err = tw_protocol_connection_made(f->sp, f->transport);
    tw_transport_resume_reading(f->transport);
    return err;
}

static tw_step start_tls_body(tw_coro *co)
{
    struct start_tls_frame *f = (struct start_tls_frame *)co;
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
        tw_transport *app = tw_ref(tw__ssl_app_transport(f->sp));
        TW_RETURN(co, TW_PTR(app));
    }
    TW_END(co);
}

tw_coro *tw_start_tls(tw_loop *L, tw_transport *transport, tw_protocol *protocol,
                      bool server_side, const tw_tls_options *o)
{
    struct start_tls_frame *f = tw_coro_new(start_tls_body, sizeof *f);
    tw_error *err = NULL;
    f->co.cleanup = start_tls_cleanup;
    if (transport->cls->get_extra_info == NULL
        || strcmp(transport->cls->name, "_SelectorSocketTransport") != 0)
        err = tw_error_new(TW_ERR_TYPE, "transport <%s> is not supported by start_tls()",
                           transport->cls->name);
    else if (o == NULL || o->ssl == NULL)
        err = tw_error_new(TW_ERR_TYPE, "sslcontext is expected to be an instance of "
                           "ssl.SSLContext, got None");
    if (err == NULL) {
        f->transport = tw_ref(transport);
        f->waiter = tw_future_new(L);
        f->sp = tw__ssl_protocol_new(L, tw_ref(protocol), o, server_side, false,
                                     f->waiter, &err);
    }
    if (err == NULL) {
        tw_transport_pause_reading(transport);
        tw_transport_set_protocol(transport, tw_ref(f->sp));
        err = tw_call_soon(L, start_tls_begin, f, &f->begin);
    }
    f->err = err;
    return &f->co;
}
