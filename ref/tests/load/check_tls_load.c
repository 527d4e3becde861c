#line 2635 "chapters/tier7-tests.nw"
/* check_tls_load.c -- the TLS layer under load and faults */
#include "load.h"

#define CERTS "conformance/certs/"
enum { TLS_CONNECTIONS = 1000, MESSAGE = 1024 };

#line 2677 "chapters/tier7-tests.nw"
static struct { size_t made, lost_clean, lost_error, echoed, received, clients_lost; } count;

struct peer { tw_protocol base; tw_transport *transport; size_t got; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    ((struct peer *)p)->transport = t;
    count.made++;
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    count.echoed += n;
    return tw_transport_write(((struct peer *)p)->transport, data, n);
}

static tw_error *echo_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    if (exc)
        count.lost_error++;
    else
        count.lost_clean++;
    return NULL;
}

static const tw_protocol_class echo_class = {
    .name = "Echo", .connection_made = echo_made, .data_received = echo_data,
    .connection_lost = echo_lost,
};
#line 2714 "chapters/tier7-tests.nw"
static char message[MESSAGE];

static tw_error *client_made(tw_protocol *p, tw_transport *t)
{
    ((struct peer *)p)->transport = t;
    return tw_transport_write(t, message, sizeof message);
}

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    struct peer *c = (struct peer *)p;
    (void)data;
    c->got += n;
    count.received += n;
    if (c->got == MESSAGE)
        tw_transport_close(c->transport);
    return NULL;
}

static tw_error *client_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    ck_assert_ptr_null(exc);
    count.clients_lost++;
    return NULL;
}

static const tw_protocol_class client_class = {
    .name = "Client", .connection_made = client_made, .data_received = client_data,
    .connection_lost = client_lost,
};

static tw_protocol *make(void *cls) { return tw_protocol_new(cls, sizeof(struct peer)); }

static bool all_lost(void *arg)
{
    (void)arg;
    return count.clients_lost == TLS_CONNECTIONS
           && count.lost_clean + count.lost_error == TLS_CONNECTIONS;
}

START_TEST(a_thousand_tls_connections_echo_every_byte)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_ssl_context *server_ctx, *client_ctx;
    tw_server *s;
    tw_task **tasks = calloc(TLS_CONNECTIONS, sizeof *tasks);
    memset(&count, 0, sizeof count);
    memset(message, 'm', sizeof message);
    ck_assert_ptr_null(tw_ssl_context_new_server(CERTS "server.pem", CERTS "server.key",
                                                 &server_ctx));
    ck_assert_ptr_null(tw_ssl_context_new_client(CERTS "ca.pem", &client_ctx));
    s = await_value(L, tw_create_server(L, make, (void *)&echo_class, "127.0.0.1", 0,
                                        &(tw_server_options){ .backlog = TLS_CONNECTIONS,
                                                              .tls = { .ssl = server_ctx } })).p;
    for (int i = 0; i < TLS_CONNECTIONS; i++)
        tasks[i] = tw_loop_create_task(L, tw_create_connection_tls(L, make, (void *)&client_class,
                                          "localhost", server_port(s),
                                          &(tw_tls_options){ .ssl = client_ctx }), NULL);
    for (int i = 0; i < TLS_CONNECTIONS; i++)
        tw_unref((tw_transport *)await_value(L, tasks[i]).p);
    ck_assert(run_until(L, all_lost, NULL));
    ck_assert_uint_eq(count.made, TLS_CONNECTIONS);
    ck_assert_uint_eq(count.echoed, (size_t)TLS_CONNECTIONS * MESSAGE);
    ck_assert_uint_eq(count.received, (size_t)TLS_CONNECTIONS * MESSAGE);
    ck_assert_uint_eq(count.lost_clean, TLS_CONNECTIONS);
    tw_server_close(s);
    tw_unref(tw_loop_run_until_complete(L, tw_server_wait_closed(s), NULL));
    tw_unref(s);
    tw_loop_free(L);
    tw_unref(server_ctx);
    tw_unref(client_ctx);
    free(tasks);
}
END_TEST
#line 2797 "chapters/tier7-tests.nw"
static int fds_serving;

static bool all_gone(void *arg)
{
    (void)arg;
    return open_fds() == fds_serving;
}

START_TEST(a_thousand_abandoned_handshakes_leave_nothing)
{
    /* a TLS 1.2/1.3 ClientHello record header and the start of its body */
    static const unsigned char hello[50] = { 0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00,
                                             0xfc, 0x03, 0x03 };
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_ssl_context *server_ctx;
    tw_server *s;
    memset(&count, 0, sizeof count);
    ck_assert_ptr_null(tw_ssl_context_new_server(CERTS "server.pem", CERTS "server.key",
                                                 &server_ctx));
    s = await_value(L, tw_create_server(L, make, (void *)&echo_class, "127.0.0.1", 0,
                                        &(tw_server_options){ .backlog = TLS_CONNECTIONS,
                                                              .tls = { .ssl = server_ctx } })).p;
    fds_serving = open_fds();
    for (int i = 0; i < TLS_CONNECTIONS; i++) {
        int fd = tcp_client(server_port(s), 0);
        ck_assert_int_eq(write(fd, hello, sizeof hello), (ssize_t)sizeof hello);
        if (i % 2)
            reset(fd);
        else
            close(fd);
        if (i % 100 == 99)
            run_for(L, 0.01);
    }
    ck_assert(run_until(L, all_gone, NULL));
    ck_assert_uint_eq(count.made, 0);
    tw_server_close(s);
    tw_unref(tw_loop_run_until_complete(L, tw_server_wait_closed(s), NULL));
    tw_unref(s);
    tw_loop_free(L);
    tw_unref(server_ctx);
}
END_TEST

#line 2644 "chapters/tier7-tests.nw"
Suite *tw_tls_load_suite(int *skipped)
{
    Suite *s = suite_create("TLS under load and faults");
    TCase *tc = tcase_create("tls load");
    struct rlimit rl;
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, count_before, nothing_leaked);
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < 2 * TLS_CONNECTIONS + 64 && rl.rlim_max >= 2 * TLS_CONNECTIONS + 64) {
        rl.rlim_cur = 2 * TLS_CONNECTIONS + 64;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur >= 2 * TLS_CONNECTIONS + 64) {
        tcase_add_test(tc, a_thousand_tls_connections_echo_every_byte);
        tcase_add_test(tc, a_thousand_abandoned_handshakes_leave_nothing);
    } else {
        printf("skipped: the TLS load tests need %d descriptors (RLIMIT_NOFILE)\n",
               2 * TLS_CONNECTIONS + 64);
        *skipped += 2;
    }
    suite_add_tcase(s, tc);
    return s;
}
