#line 13 "chapters/tier8-tests.nw"
/* check_protocol.c -- unit tests of tier 8: protocols, connections, servers */
#include <fcntl.h>
#include "sockets.h"
#include "fatal.h"

#line 48 "chapters/tier8-tests.nw"
static int made_count;

static tw_protocol *counting_factory(void *arg)
{
    (void)arg;
    made_count++;
    return rec_factory(NULL);
}

static bool two_made(void *arg)
{
    (void)arg;
    return strcmp(trace, "made made made made") == 0;
}

START_TEST(one_protocol_per_connection)
{
    int before = open_fds(), port;
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_server *s;
    tw_transport *a, *b;
    tw_error *err;
    char expect[96];
    trace[0] = '\0';
    made_count = 0;
    s = await_value(L, tw_create_server(L, counting_factory, NULL, "127.0.0.1", 0, NULL)).p;
    port = tw_sockaddr_port(tw_server_sockname(s, 0));
    a = await_value(L, tw_create_connection(L, rec_factory, NULL, "127.0.0.1", port)).p;
    b = await_value(L, tw_create_connection(L, rec_factory, NULL, "127.0.0.1", port)).p;
    ck_assert(run_until(L, two_made, NULL));
    ck_assert_int_eq(made_count, 2);
    tw_server_close(s);
    ck_assert(!tw_server_is_serving(s));
    ck_assert_uint_eq(tw_server_nsockets(s), 0);
    err = tw_loop_run_until_complete(L, tw_create_connection(L, rec_factory, NULL, "127.0.0.1",
                                                             port), NULL);
    ck_assert_str_eq(tw_error_type(err), "ConnectionRefusedError");
    snprintf(expect, sizeof expect, "[Errno 111] Connect call failed ('127.0.0.1', %d)", port);
    ck_assert_str_eq(tw_error_str(err), expect);
    tw_unref(err);
    ck_assert_int_eq(made_count, 2);
    tw_transport_close(a);
    tw_transport_close(b);
    run_for(L, 0.01);
    tw_unref(a);
    tw_unref(b);
    tw_unref(s);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST

START_TEST(serve_forever_ends_cancelled)
{
    int before = open_fds();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_server *s = await_value(L, tw_create_server(L, rec_factory, NULL, "127.0.0.1", 0,
                                                   &(tw_server_options){ .defer_serving = true })).p;
    tw_task *t;
    tw_error *err;
    ck_assert(!tw_server_is_serving(s));
    t = tw_loop_create_task(L, tw_server_serve_forever(s), NULL);
    run_for(L, 0.01);
    ck_assert(tw_server_is_serving(s));
    tw_task_cancel(t, NULL);
    err = tw_loop_run_until_complete(L, t, NULL);
    ck_assert(tw_error_is(err, TW_ERR_CANCELLED));
    tw_unref(err);
    ck_assert(!tw_server_is_serving(s));
    err = tw_loop_run_until_complete(L, tw_server_serve_forever(s), NULL);
    ck_assert_str_eq(tw_error_str(err), "server is closed");
    tw_unref(err);
    tw_unref(s);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 136 "chapters/tier8-tests.nw"
START_TEST(servers_and_endpoints_check_their_arguments)
{
    int before = open_fds(), closed_fd = 100, one = 0;
    socklen_t len = sizeof one;
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_server *s = await_value(L, tw_create_server(L, rec_factory, NULL, "127.0.0.1", 0,
                                                   &(tw_server_options){ .reuse_port = true })).p;
    tw_task *t;
    tw_error *err;
    char name[TW_ADDRSTRLEN], expected[128];
    while (fcntl(closed_fd, F_GETFD) >= 0)        /* far above what the loop opens next */
        closed_fd++;
    ck_assert_int_eq(getsockopt(tw_server_socket(s, 0), SOL_SOCKET, SO_REUSEPORT, &one, &len), 0);
    ck_assert_int_eq(one, 1);
    snprintf(expected, sizeof expected, "<Server sockets=(%s)>",
             tw_sockaddr_str(tw_server_sockname(s, 0), name));
    assert_describes_as(s, expected);
    t = tw_loop_create_task(L, tw_server_serve_forever(s), NULL);
    run_for(L, 0.01);
    err = tw_loop_run_until_complete(L, tw_server_serve_forever(s), NULL);
    ck_assert_str_eq(tw_error_str(err), "server is already being awaited on serve_forever()");
    tw_unref(err);
    tw_task_cancel(t, NULL);
    tw_unref(tw_loop_run_until_complete(L, t, NULL));
    err = tw_loop_run_until_complete(L, tw_create_server(L, rec_factory, NULL, NULL, 0,
        &(tw_server_options){ .use_sock = true, .sock = closed_fd }), NULL);
    ck_assert_str_eq(tw_error_str(err), "[Errno 9] Bad file descriptor");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_datagram_endpoint(L, rec_factory, NULL,
        &(tw_datagram_options){ .use_sock = true, .sock = closed_fd }), NULL);
    ck_assert_str_eq(tw_error_str(err), "[Errno 9] Bad file descriptor");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_create_datagram_endpoint(L, rec_factory, NULL,
        &(tw_datagram_options){ .use_sock = true, .sock = closed_fd, .local_port = 9 }), NULL);
    ck_assert_str_eq(tw_error_str(err), "socket modifier keyword arguments can not be used "
                                        "when sock is specified.");
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_connect_read_pipe(L, rec_factory, NULL, closed_fd),
                                     NULL);
    ck_assert_str_eq(tw_error_str(err), "[Errno 9] Bad file descriptor");
    tw_unref(err);
    tw_unref(s);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 189 "chapters/tier8-tests.nw"
START_TEST(a_connection_may_be_descriptor_zero)
{
    int before = open_fds(), saved = dup(0);
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_server *s = await_value(L, tw_create_server(L, rec_factory, NULL, "127.0.0.1", 0, NULL)).p;
    tw_transport *t;
    trace[0] = '\0';
    close(0);
    t = await_value(L, tw_create_connection(L, rec_factory, NULL, "127.0.0.1",
                                            tw_sockaddr_port(tw_server_sockname(s, 0)))).p;
    ck_assert_int_eq(tw_transport_get_extra_info(t, "socket", TW_INT(-1)).i, 0);
    tw_transport_close(t);
    run_for(L, 0.01);
    tw_unref(t);
    tw_unref(s);
    tw_loop_free(L);
    ck_assert_int_eq(dup2(saved, 0), 0);
    close(saved);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 216 "chapters/tier8-tests.nw"
static char reported[128];

static void capture(tw_loop *loop, const tw_context *ctx, void *data)
{
    (void)loop;
    (void)data;
    snprintf(reported, sizeof reported, "%s %s", ctx->message, tw_error_type(ctx->error));
}

static tw_error *raising_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    (void)data;
    (void)n;
    return tw_error_user("ProtocolBug", "bad data");
}

static const tw_protocol_class raising_class = {
    .name = "Raising", .connection_made = rec_made, .data_received = raising_data,
    .connection_lost = rec_lost,
};

static tw_protocol *raising_factory(void *arg)
{
    struct rec *r = tw_protocol_new(&raising_class, sizeof *r);
    (void)arg;
    last_rec = r;
    return &r->base;
}

START_TEST(failing_data_received_is_fatal)
{
    struct rig r;
    reported[0] = '\0';
    rig_open(&r, raising_factory, NULL);
    tw_loop_set_exception_handler(r.L, capture, NULL);
    ck_assert_int_eq(write(r.sv[1], "x", 1), 1);
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    ck_assert_str_eq(reported, "Fatal error: protocol.data_received() call failed. ProtocolBug");
    ck_assert_str_eq(trace, "made lost:ProtocolBug");
    rig_close(&r);
}
END_TEST
#line 268 "chapters/tier8-tests.nw"
static tw_protocol *no_protocol(void *arg)
{
    (void)arg;
    return NULL;
}

START_TEST(a_connection_without_a_protocol_fails)
{
    int before = open_fds(), sv[2];
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    char path[200];
    tw_error *err;
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    err = tw_loop_run_until_complete(L, tw_create_unix_connection(L, no_protocol, NULL, NULL, sv[0]),
                                     NULL);
    ck_assert_str_eq(tw_error_str(err), "the protocol factory returned NULL");
    tw_unref(err);
    close(sv[1]);
    memset(path, 'x', sizeof path - 1);
    path[sizeof path - 1] = '\0';
    err = tw_loop_run_until_complete(L, tw_create_unix_connection(L, rec_factory, NULL, path, -1),
                                     NULL);
    ck_assert_str_eq(tw_error_str(err), "AF_UNIX path too long");
    tw_unref(err);
    tw_loop_close(L);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 300 "chapters/tier8-tests.nw"
START_TEST(datagram_addresses_are_checked)
{
    int before = open_fds();
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_transport *srv, *cli;
    tw_error *err;
    const tw_sockaddr *addr;
    char host[TW_ADDRSTRLEN], expect[96];
    err = tw_loop_run_until_complete(L, tw_create_datagram_endpoint(L, rec_factory, NULL, NULL),
                                     NULL);
    ck_assert_str_eq(tw_error_str(err), "unexpected address family");
    tw_unref(err);
    srv = await_value(L, tw_create_datagram_endpoint(L, rec_factory, NULL,
        &(tw_datagram_options){ .local_host = "127.0.0.1" })).p;
    ck_assert(tw_transport_is(srv, TW_TRANSPORT_DATAGRAM));
    ck_assert(!tw_transport_is(srv, TW_TRANSPORT_READ));
    addr = tw_transport_get_extra_info(srv, "sockname", TW_NONE).p;
    cli = await_value(L, tw_create_datagram_endpoint(L, rec_factory, NULL,
        &(tw_datagram_options){ .remote_host = tw_sockaddr_host(addr, host),
                                .remote_port = tw_sockaddr_port(addr) })).p;
    err = tw_transport_sendto(cli, "x", 1, tw_transport_get_extra_info(cli, "sockname", TW_NONE).p);
    snprintf(expect, sizeof expect, "Invalid address: must be None or ('127.0.0.1', %d)",
             tw_sockaddr_port(addr));
    ck_assert_str_eq(tw_error_str(err), expect);
    tw_unref(err);
    ck_assert_ptr_null(tw_transport_sendto(cli, "x", 1, addr));
    tw_transport_close(cli);
    tw_transport_close(srv);
    run_for(L, 0.01);
    tw_unref(cli);
    tw_unref(srv);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
}
END_TEST
#line 344 "chapters/tier8-tests.nw"
static int threads(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

START_TEST(only_a_name_starts_the_resolver_thread)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    int before = threads();
    tw_transport *numeric, *named;
    numeric = await_value(L, tw_create_datagram_endpoint(L, rec_factory, NULL,
        &(tw_datagram_options){ .local_host = "127.0.0.1" })).p;
    ck_assert_int_eq(threads(), before);
    named = await_value(L, tw_create_datagram_endpoint(L, rec_factory, NULL,
        &(tw_datagram_options){ .local_host = "localhost" })).p;
    ck_assert_int_gt(threads(), before);
    tw_transport_close(numeric);
    tw_transport_close(named);
    run_for(L, 0.01);
    tw_unref(numeric);
    tw_unref(named);
    tw_loop_free(L);
}
END_TEST

#line 22 "chapters/tier8-tests.nw"
Suite *tw_protocol_suite(void)
{
    Suite *s = suite_create("protocol");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, one_protocol_per_connection);
    tcase_add_test(tc, serve_forever_ends_cancelled);
    tcase_add_test(tc, servers_and_endpoints_check_their_arguments);
    tcase_add_test(tc, a_connection_may_be_descriptor_zero);
    tcase_add_test(tc, failing_data_received_is_fatal);
    tcase_add_test(tc, a_connection_without_a_protocol_fails);
    tcase_add_test(tc, datagram_addresses_are_checked);
    tcase_add_test(tc, only_a_name_starts_the_resolver_thread);
    suite_add_tcase(s, tc);
    return s;
}
