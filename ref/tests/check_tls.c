#line 2098 "chapters/tier7-tests.nw"
/* check_tls.c -- unit tests of the TLS layer (tier 7) */
#include <openssl/ssl.h>
#include "fatal.h"
#include "sockets.h"

#define CERTS "conformance/certs/"

#line 2140 "chapters/tier7-tests.nw"
struct tls_pair {
    tw_ssl_context *server_ctx, *client_ctx;
    tw_transport *raw[2], *tls[2];
    struct rec *rec[2];
};

static void tls_pair_open(tw_loop *L, struct tls_pair *p)
{
    int sv[2];
    ck_assert_ptr_null(tw_ssl_context_new_server(CERTS "server.pem", CERTS "server.key",
                                                 &p->server_ctx));
    ck_assert_ptr_null(tw_ssl_context_new_client(CERTS "ca.pem", &p->client_ctx));
    pair(sv);
    for (int i = 0; i < 2; i++) {
        p->raw[i] = adopt(L, rec_factory, NULL, sv[i]);
        p->rec[i] = (struct rec *)tw_transport_get_protocol(p->raw[i]);
    }
}

static void upgrade(tw_loop *L, struct tls_pair *p)
{
    tw_tls_options server = { .ssl = p->server_ctx };
    tw_tls_options client = { .ssl = p->client_ctx, .server_hostname = "localhost" };
    tw_task *t = tw_loop_create_task(L, tw_start_tls(L, p->raw[0], &p->rec[0]->base, true,
                                                     &server), NULL);
    p->tls[1] = await_value(L, tw_start_tls(L, p->raw[1], &p->rec[1]->base, false, &client)).p;
    p->tls[0] = await_value(L, t).p;
}

static void tls_pair_close(tw_loop *L, struct tls_pair *p)
{
    for (int i = 0; i < 2; i++) {
        if (p->tls[i]) {
            tw_transport_close(p->tls[i]);
            tw_unref(p->tls[i]);
        }
        tw_unref(p->raw[i]);
    }
    run_for(L, 0.1);
    tw_unref(p->server_ctx);
    tw_unref(p->client_ctx);
}
#line 2190 "chapters/tier7-tests.nw"
static bool both_lost(void *arg)
{
    (void)arg;
    return strstr(trace, "lost") && strstr(strstr(trace, "lost") + 4, "lost");
}

START_TEST(tls_both_ends_over_a_socket_pair)
{
    int before = open_fds();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct tls_pair p = { 0 };
    trace[0] = '\0';
    tls_pair_open(L, &p);
    upgrade(L, &p);
    ck_assert_str_eq(trace, "made made");       /* start_tls tells no one again */
    ck_assert(!tw_transport_can_write_eof(p.tls[1]));
    ck_assert_str_eq(tw_transport_get_extra_info(p.tls[1], "cipher", TW_NONE).s,
                     "TLS_AES_256_GCM_SHA384");
    ck_assert_ptr_eq(tw_transport_get_extra_info(p.tls[0], "sslcontext", TW_NONE).p,
                     p.server_ctx);
    trace[0] = '\0';
    ck_assert_ptr_null(tw_transport_write(p.tls[1], "hello", 5));
    run_for(L, 0.01);
    ck_assert_str_eq(trace, "data:hello");
    trace[0] = '\0';
    tw_transport_close(p.tls[1]);
    ck_assert(tw_transport_is_closing(p.tls[1]));
    ck_assert(run_until(L, both_lost, &p));
    ck_assert_ptr_nonnull(strstr(trace, "eof"));
    tls_pair_close(L, &p);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 2232 "chapters/tier7-tests.nw"
START_TEST(sendfile_over_tls_falls_back)
{
    int before = open_fds();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct tls_pair p = { 0 };
    FILE *file = tmpfile();
    tw_value sent;
    fputs("a file", file);
    fflush(file);
    rewind(file);            /* offset 0 means where the file is, as in asyncio */
    tls_pair_open(L, &p);
    upgrade(L, &p);
    trace[0] = '\0';
    sent = await_value(L, tw_loop_sendfile(L, p.tls[1], fileno(file), 0, 0, true));
    run_for(L, 0.01);
    ck_assert_int_eq(sent.i, 6);
    ck_assert_str_eq(trace, "data:a file");
    fclose(file);
    tls_pair_close(L, &p);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 2265 "chapters/tier7-tests.nw"
static const char *alpn_selected(tw_transport *t, char *buf)
{
    const unsigned char *name;
    unsigned len;
    SSL_get0_alpn_selected(tw_transport_get_extra_info(t, "ssl_object", TW_NONE).p, &name, &len);
    if (len)                       /* with none selected, name is NULL */
        memcpy(buf, name, len);
    buf[len] = '\0';
    return buf;
}

static void alpn_pair(const char *const *server, size_t ns, const char *const *client,
                      size_t nc, const char *expected)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct tls_pair p = { 0 };
    char buf[256];
    tls_pair_open(L, &p);
    ck_assert_ptr_null(tw_ssl_context_set_alpn_protocols(p.server_ctx, server, ns));
    ck_assert_ptr_null(tw_ssl_context_set_alpn_protocols(p.client_ctx, client, nc));
    upgrade(L, &p);
    ck_assert_str_eq(alpn_selected(p.tls[0], buf), expected);
    ck_assert_str_eq(alpn_selected(p.tls[1], buf), expected);
    tls_pair_close(L, &p);
    tw_loop_free(L);
}

START_TEST(alpn_is_negotiated)
{
    alpn_pair((const char *[]){ "h2", "http/1.1" }, 2, (const char *[]){ "spdy", "http/1.1", "h2" },
              3, "h2");
    alpn_pair((const char *[]){ "h2" }, 1, (const char *[]){ "http/1.1" }, 1, "");
}
END_TEST
#line 2306 "chapters/tier7-tests.nw"
static tw_error *handshake_error(tw_loop *L, const void *bytes, size_t n, bool close_after)
{
    int sv[2], before = open_fds();
    tw_ssl_context *ctx;
    tw_transport *t;
    tw_tls_options o;
    tw_error *err;
    char sink[4096];
    ck_assert_ptr_null(tw_ssl_context_new_server(CERTS "server.pem", CERTS "server.key", &ctx));
    o = (tw_tls_options){ .ssl = ctx, .ssl_handshake_timeout = 5 };
    pair(sv);
    t = adopt(L, rec_factory, NULL, sv[0]);
    ck_assert_int_eq(write(sv[1], bytes, n), (ssize_t)n);
    if (close_after)
        shutdown(sv[1], SHUT_WR);
    err = tw_loop_run_until_complete(L, tw_start_tls(L, t, tw_transport_get_protocol(t), true,
                                                     &o), NULL);
    run_for(L, 0.01);
    while (read(sv[1], sink, sizeof sink) > 0)
        ;
    ck_assert_int_eq(read(sv[1], sink, sizeof sink), 0);   /* closed, not reset */
    close(sv[1]);
    tw_unref(t);
    tw_unref(ctx);
    ck_assert_int_eq(open_fds(), before);
    return err;
}

START_TEST(garbage_instead_of_a_client_hello_is_an_ssl_error)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_error *err = handshake_error(L, "GET / HTTP/1.0\r\n\r\n", 18, false);
    ck_assert_ptr_nonnull(err);
    ck_assert_str_eq(tw_error_type(err), "SSLError");
    ck_assert(tw_error_is(err, TW_ERR_OS));
    ck_assert_str_eq(tw_error_message(err), "[SSL: HTTP_REQUEST] http request");
    tw_unref(err);
    tw_loop_free(L);
}
END_TEST
#line 2355 "chapters/tier7-tests.nw"
START_TEST(a_handshake_cut_at_every_offset_fails_cleanly)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_ssl_context *client;
    tw_transport *t;
    tw_tls_options o;
    tw_task *hello_task;
    int sv[2];
    char hello[4096];
    ssize_t n;
    ck_assert_ptr_null(tw_ssl_context_new_client(CERTS "ca.pem", &client));
    o = (tw_tls_options){ .ssl = client, .server_hostname = "localhost" };
    pair(sv);
    t = adopt(L, rec_factory, NULL, sv[0]);
    hello_task = tw_loop_create_task(L, tw_start_tls(L, t, tw_transport_get_protocol(t), false,
                                                     &o), NULL);
    run_for(L, 0.01);
    n = read(sv[1], hello, sizeof hello);
    ck_assert_int_gt(n, 100);
    close(sv[1]);
    tw_unref(tw_loop_run_until_complete(L, hello_task, NULL));
    tw_unref(t);
    for (ssize_t cut = 0; cut < n; cut++) {
        tw_error *err = handshake_error(L, hello, (size_t)cut, true);
        ck_assert_msg(tw_error_is(err, TW_ERR_OS), "cut at %zd", cut);
        tw_unref(err);
    }
    tw_unref(client);
    tw_loop_free(L);
}
END_TEST
#line 2392 "chapters/tier7-tests.nw"
START_TEST(tls_write_buffer_limits)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct tls_pair p = { 0 };
    size_t low, high;
    tw_error *err;
    tls_pair_open(L, &p);
    upgrade(L, &p);
    tw_transport_get_write_buffer_limits(p.tls[1], &low, &high);
    ck_assert_uint_eq(high, 512 * 1024);
    ck_assert_uint_eq(low, 128 * 1024);
    ck_assert_ptr_null(tw_transport_set_write_buffer_limits(p.tls[1], 1000, TW_LIMIT_DEFAULT));
    tw_transport_get_write_buffer_limits(p.tls[1], &low, &high);
    ck_assert_uint_eq(low, 250);
    err = tw_transport_set_write_buffer_limits(p.tls[1], 10, 20);
    ck_assert_str_eq(tw_error_str(err), "high (10) must be >= low (20) must be >= 0");
    tw_unref(err);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(p.tls[1]), 0);
    tls_pair_close(L, &p);
    tw_loop_free(L);
}
END_TEST
#line 2424 "chapters/tier7-tests.nw"
START_TEST(tls_options_are_checked)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_ssl_context *ctx;
    tw_error *err;
    ck_assert_ptr_null(tw_ssl_context_new_client(CERTS "ca.pem", &ctx));
    err = tw_loop_run_until_complete(L, tw_create_connection_tls(L, rec_factory, NULL, "127.0.0.1",
                                     9, &(tw_tls_options){ .server_hostname = "x" }), NULL);
    ck_assert_str_eq(tw_error_str(err), "server_hostname is only meaningful with ssl");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_connection_tls(L, rec_factory, NULL, "127.0.0.1",
                                     9, &(tw_tls_options){ .ssl_handshake_timeout = 1 }), NULL);
    ck_assert_str_eq(tw_error_str(err), "ssl_handshake_timeout is only meaningful with ssl");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_unix_connection_tls(L, rec_factory, NULL, "/x",
                                     -1, &(tw_tls_options){ .ssl = ctx }), NULL);
    ck_assert_str_eq(tw_error_str(err), "you have to pass server_hostname when using ssl");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_server(L, rec_factory, NULL, "127.0.0.1", 0,
                                     &(tw_server_options){ .tls = {
                                         .ssl_shutdown_timeout = 2 } }), NULL);
    ck_assert_str_eq(tw_error_str(err), "ssl_shutdown_timeout is only meaningful with ssl");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_connection_tls(L, rec_factory, NULL, "127.0.0.1",
                                     9, &(tw_tls_options){ .ssl_shutdown_timeout = 1 }), NULL);
    ck_assert_str_eq(tw_error_str(err), "ssl_shutdown_timeout is only meaningful with ssl");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_connection_tls(L, rec_factory, NULL, "", 9,
                                     &(tw_tls_options){ .ssl = ctx }), NULL);
    ck_assert_str_eq(tw_error_str(err), "You must set server_hostname when using ssl without a host");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_server(L, rec_factory, NULL, "127.0.0.1", 0,
                                     &(tw_server_options){ .tls = {
                                         .ssl = ctx, .server_hostname = "x" } }), NULL);
    ck_assert_str_eq(tw_error_str(err), "server_hostname is only meaningful for a client");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_server(L, rec_factory, NULL, "127.0.0.1", 0,
                                     &(tw_server_options){ .tls = {
                                         .ssl_handshake_timeout = 2 } }), NULL);
    ck_assert_str_eq(tw_error_str(err), "ssl_handshake_timeout is only meaningful with ssl");
    tw_unref(err);
    {
        struct tls_pair p = { 0 };
        tw_tls_options o = { .ssl = ctx, .server_hostname = "localhost",
                             .ssl_handshake_timeout = -1 };
        tls_pair_open(L, &p);
        err = tw_loop_run_until_complete(L, tw_start_tls(L, p.raw[1], &p.rec[1]->base, false,
                                                         &o), NULL);
        ck_assert_str_eq(tw_error_str(err),
                         "ssl_handshake_timeout should be a positive number, got -1.0");
        tw_unref(err);
        o.ssl_handshake_timeout = 0;
        err = tw_loop_run_until_complete(L, tw_start_tls(L, p.raw[1], &p.rec[1]->base, true, &o),
                                         NULL);
        ck_assert_str_eq(tw_error_str(err),
                         "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context");
        tw_unref(err);
        err = tw_loop_run_until_complete(L, tw_start_tls(L, p.raw[1], &p.rec[1]->base, false,
                                                         NULL), NULL);
        ck_assert_str_eq(tw_error_str(err),
                         "sslcontext is expected to be an instance of ssl.SSLContext, got None");
        tw_unref(err);
        tls_pair_close(L, &p);
    }
    {
        static const tw_transport_class other_class = { .name = "_UnixReadPipeTransport" };
        tw_transport other;
        tw_transport_init(&other, &other_class, L, NULL);
        err = tw_loop_run_until_complete(L, tw_start_tls(L, &other, NULL, false,
                                                         &(tw_tls_options){ .ssl = ctx }), NULL);
        ck_assert_str_eq(tw_error_str(err),
                         "transport <_UnixReadPipeTransport> is not supported by start_tls()");
        tw_unref(err);
        tw_unref(&other);
    }
    tw_unref(ctx);
    tw_loop_free(L);
}
END_TEST
#line 2513 "chapters/tier7-tests.nw"
START_TEST(contexts_check_what_they_load)
{
    tw_ssl_context *ctx = NULL;
    tw_error *err = tw_ssl_context_new_client("/nonexistent/ca.pem", &ctx);
    ck_assert_ptr_null(ctx);
    ck_assert_str_eq(tw_error_str(err),
                     "[Errno 2] No such file or directory: '/nonexistent/ca.pem'");
    tw_unref(err);
    err = tw_ssl_context_new_server(CERTS "make-certs", NULL, &ctx);
    ck_assert_str_eq(tw_error_type(err), "SSLError");
    tw_unref(err);
    err = tw_ssl_context_new_server(CERTS "server.pem", "/nonexistent/server.key", &ctx);
    ck_assert_str_eq(tw_error_str(err),
                     "[Errno 2] No such file or directory: '/nonexistent/server.key'");
    tw_unref(err);
    ck_assert_ptr_null(tw_ssl_context_new_server(CERTS "server.pem", CERTS "server.key", &ctx));
    ck_assert_ptr_null(tw_ssl_context_set_verify_mode(ctx, TW_CERT_REQUIRED));
    err = tw_ssl_context_load_verify_locations(ctx, CERTS "make-certs");
    ck_assert_str_eq(tw_error_type(err), "SSLError");
    tw_unref(err);
    tw_unref(ctx);
    ck_assert_ptr_null(tw_ssl_context_new_client(NULL, &ctx));
    err = tw_ssl_context_set_verify_mode(ctx, (tw_ssl_verify_mode)7);
    ck_assert_str_eq(tw_error_str(err), "invalid value for verify_mode");
    tw_unref(err);
    assert_describes_as(ctx, "<SSLContext client check_hostname>");
    err = tw_ssl_context_set_verify_mode(ctx, TW_CERT_NONE);
    ck_assert_str_eq(tw_error_str(err), "Cannot set verify_mode to CERT_NONE when "
                                        "check_hostname is enabled.");
    tw_unref(err);
    tw_ssl_context_set_check_hostname(ctx, false);
    assert_describes_as(ctx, "<SSLContext client>");
    ck_assert_ptr_null(tw_ssl_context_set_verify_mode(ctx, TW_CERT_NONE));
    ck_assert_ptr_null(tw_ssl_context_set_alpn_protocols(ctx, (const char *[]){ "h2", "http/1.1" },
                                                         2));
    err = tw_ssl_context_set_alpn_protocols(ctx, (const char *[]){ "" }, 1);
    ck_assert(tw_error_is(err, TW_ERR_VALUE));
    tw_unref(err);
    tw_unref(ctx);
}
END_TEST
#line 2563 "chapters/tier7-tests.nw"
static void negotiate(const char *const *server, size_t ns, const char *const *client, size_t nc,
                      const char *expected)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    struct tls_pair p = { 0 };
    tls_pair_open(L, &p);
    ck_assert_ptr_null(tw_ssl_context_set_alpn_protocols(p.server_ctx, server, ns));
    ck_assert_ptr_null(tw_ssl_context_set_alpn_protocols(p.client_ctx, client, nc));
    upgrade(L, &p);
    for (int i = 0; i < 2; i++) {
        const unsigned char *chosen;
        unsigned len;
        SSL_get0_alpn_selected(tw_transport_get_extra_info(p.tls[i], "ssl_object", TW_NONE).p,
                               &chosen, &len);
        ck_assert_uint_eq(len, expected ? strlen(expected) : 0);
        if (expected)
            ck_assert(memcmp(chosen, expected, len) == 0);
    }
    tls_pair_close(L, &p);
    tw_loop_free(L);
}

/* A client with no host name, or an empty one, checks the chain and no name. */
START_TEST(no_server_hostname_verifies_the_chain_only)
{
    static const char *const names[] = { NULL, "" };
    for (int i = 0; i < 2; i++) {
        tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
        struct tls_pair p = { 0 };
        tls_pair_open(L, &p);
        tw_unref(p.server_ctx);
        ck_assert_ptr_null(tw_ssl_context_new_server(CERTS "wronghost.pem", CERTS "wronghost.key",
                                                     &p.server_ctx));
        {
            tw_tls_options server = { .ssl = p.server_ctx };
            tw_tls_options client = { .ssl = p.client_ctx, .server_hostname = names[i] };
            tw_task *t = tw_loop_create_task(L, tw_start_tls(L, p.raw[0], &p.rec[0]->base, true,
                                                             &server), NULL);
            p.tls[1] = await_value(L, tw_start_tls(L, p.raw[1], &p.rec[1]->base, false,
                                                   &client)).p;
            p.tls[0] = await_value(L, t).p;
        }
        ck_assert_ptr_nonnull(tw_transport_get_extra_info(p.tls[1], "peercert", TW_NONE).p);
        ck_assert_int_eq(SSL_get_verify_result(tw_transport_get_extra_info(p.tls[1], "ssl_object",
                                                                            TW_NONE).p),
                         X509_V_OK);
        tls_pair_close(L, &p);
        tw_loop_free(L);
    }
}
END_TEST

START_TEST(alpn_is_the_servers_first_choice_the_client_offers)
{
    negotiate((const char *[]){ "h2", "http/1.1" }, 2,
              (const char *[]){ "http/1.1", "h2" }, 2, "h2");
    negotiate((const char *[]){ "h2", "http/1.1" }, 2,
              (const char *[]){ "spdy/3", "http/1.1" }, 2, "http/1.1");
    negotiate((const char *[]){ "h2" }, 1, (const char *[]){ "http/1.1" }, 1, NULL);
}
END_TEST

#line 2108 "chapters/tier7-tests.nw"
Suite *tw_tls_suite(void)
{
    Suite *s = suite_create("tls");
    TCase *tc = tcase_create("tls");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, tls_both_ends_over_a_socket_pair);
    tcase_add_test(tc, sendfile_over_tls_falls_back);
    tcase_add_test(tc, alpn_is_negotiated);
    tcase_add_test(tc, garbage_instead_of_a_client_hello_is_an_ssl_error);
    tcase_add_test(tc, a_handshake_cut_at_every_offset_fails_cleanly);
    tcase_add_test(tc, tls_write_buffer_limits);
    tcase_add_test(tc, tls_options_are_checked);
    tcase_add_test(tc, contexts_check_what_they_load);
    tcase_add_test(tc, alpn_is_the_servers_first_choice_the_client_offers);
    tcase_add_test(tc, no_server_hostname_verifies_the_chain_only);
    suite_add_tcase(s, tc);
    return s;
}
