#line 3005 "chapters/tier7-tests.nw"
/* fuzz/tls_client.c -- libFuzzer target: a real server's records and arbitrary bytes into
   the client side of the TLS layer */
#line 2909 "chapters/tier7-tests.nw"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static tw_ssl_context *ctx;
static tw_loop *L;                 /* one loop for every input: making one costs more than a run */

static tw_protocol *plain(void *cls)
{
    return tw_protocol_new(cls, sizeof(tw_protocol));
}

static void turn(tw_loop *L, int n)
{
    for (int i = 0; i < n; i++)
        tw_unref(tw_loop_run_until_complete(L, tw_sleep(0), NULL));
}

static tw_transport *connect_pair(int sv[2])
{
    static const tw_protocol_class quiet = { .name = "Quiet" };
    tw_value v;
    tw_error *err;
    if (L == NULL)
        L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
        abort();
    err = tw_loop_run_until_complete(L, tw_create_unix_connection(L, plain, (void *)&quiet,
                                                                  NULL, sv[0]), &v);
    if (err)
        abort();
    return v.p;
}

static void close_either(tw_task *upgrade, tw_transport *raw)
{
    if (tw_future_done(tw_task_future(upgrade))) {
        tw_value v;
        tw_error *err = tw_future_result(tw_task_future(upgrade), &v);
        if (err == NULL)
            tw_transport_close(v.p);
        tw_unref(err);
    } else
        tw_transport_close(raw);
}

static void finish(tw_task *upgrade, tw_transport *raw, int peer)
{
    if (tw_future_done(tw_task_future(upgrade))) {
        tw_value v;
        tw_error *err = tw_future_result(tw_task_future(upgrade), &v);
        if (err == NULL) {
            tw_transport_close(v.p);
            tw_unref((tw_transport *)v.p);
        }
        tw_unref(err);
    } else
        tw_task_cancel(upgrade, NULL);
    turn(L, 3);
    tw_unref(upgrade);
    tw_transport_close(raw);
    tw_unref(raw);
    close(peer);
    turn(L, 3);                    /* what the input left open closes before the next */
}
#line 3008 "chapters/tier7-tests.nw"
#include <openssl/err.h>
#include <openssl/ssl.h>

static SSL_CTX *server_ctx;

static void make_contexts(void)
{
    server_ctx = SSL_CTX_new(TLS_server_method());
    if (server_ctx == NULL
        || SSL_CTX_use_certificate_chain_file(server_ctx, "conformance/certs/server.pem") != 1
        || SSL_CTX_use_PrivateKey_file(server_ctx, "conformance/certs/server.key",
                                       SSL_FILETYPE_PEM) != 1
        || tw_ssl_context_new_client("conformance/certs/ca.pem", &ctx) != NULL) {
        fprintf(stderr, "fuzz/tls_client: run it from the top of the tree\n");
        abort();
    }
}

#line 3078 "chapters/tier7-tests.nw"
static void serve(SSL *server, int peer)
{
    char buf[4096];
    ssize_t n;
    while ((n = recv(peer, buf, sizeof buf, 0)) > 0)
        BIO_write(SSL_get_rbio(server), buf, (int)n);
    if (!SSL_is_init_finished(server))
        SSL_do_handshake(server);
    else
        while (SSL_read(server, buf, sizeof buf) > 0)
            continue;
}

static void relay(SSL *server, int peer, size_t most)
{
    char buf[2048];
    int n = BIO_read(SSL_get_wbio(server), buf, (int)(most < sizeof buf ? most : sizeof buf));
    if (n > 0)
        send(peer, buf, (size_t)n, MSG_NOSIGNAL);
}

static void server_writes(SSL *server, size_t n)
{
    static const char text[32] = "abcdefghijklmnopqrstuvwxyz012345";
    if (SSL_is_init_finished(server))
        SSL_write(server, text, (int)n);
}

#line 3028 "chapters/tier7-tests.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_transport *raw;
    tw_task *upgrade;
    SSL *server;
    int sv[2];
    size_t at = 0;
    if (server_ctx == NULL)
        make_contexts();
    raw = connect_pair(sv);
    server = SSL_new(server_ctx);
    SSL_set_bio(server, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
    SSL_set_accept_state(server);
    upgrade = tw_loop_create_task(L, tw_start_tls(L, raw, tw_transport_get_protocol(raw), false,
                                                  &(tw_tls_options){
                                                      .ssl = ctx, .server_hostname = "localhost"
                                                  }), NULL);
    turn(L, 1);
    while (at < size) {
        uint8_t op = data[at++], a = op >> 3;
        switch (op & 7) {
        case 0: {
            size_t n = (size_t)a + 1 <= size - at ? (size_t)a + 1 : size - at;
            if (n > 0 && send(sv[1], data + at, n, MSG_NOSIGNAL) < 0)
                break;
            at += n;
            break;
        }
        case 1: relay(server, sv[1], 64 * ((size_t)a + 1)); break;
        case 2: serve(server, sv[1]); break;
        case 3: server_writes(server, (size_t)a + 1); break;
        case 4: SSL_shutdown(server); break;
        case 5: shutdown(sv[1], SHUT_WR); break;
        case 6: close_either(upgrade, raw); break;
        case 7: break;
        }
        ERR_clear_error();
        turn(L, 3);
    }
    SSL_free(server);
    finish(upgrade, raw, sv[1]);
    return 0;
}
