#line 3119 "chapters/tier7-tests.nw"
/* check_staggered.c -- unit tests of the happy-eyeballs race (tier 7) */
#include <arpa/inet.h>
#include <poll.h>
#include <stdlib.h>
#include "sockets.h"

#line 3154 "chapters/tier7-tests.nw"
static void loopback_at(tw_addrinfo *ai, int family, int port)
{
    memset(ai, 0, sizeof *ai);
    ai->family = family;
    ai->socktype = SOCK_STREAM;
    ai->protocol = IPPROTO_TCP;
    if (family == AF_INET6) {
        ai->addr.len = sizeof ai->addr.u.in6;
        ai->addr.u.in6.sin6_family = AF_INET6;
        ai->addr.u.in6.sin6_addr = in6addr_loopback;
        ai->addr.u.in6.sin6_port = htons(port);
    } else {
        ai->addr.len = sizeof ai->addr.u.in4;
        ai->addr.u.in4.sin_family = AF_INET;
        ai->addr.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ai->addr.u.in4.sin_port = htons(port);
    }
}

static tw_addrinfo_list *addresses(size_t n)
{
    tw_addrinfo_list *list = calloc(1, sizeof *list + n * sizeof list->ai[0]);
    list->n = n;
    return list;
}

/* A socket bound to a free port of 127.0.0.1: it refuses until it listens. */
static int bound(int *port)
{
    tw_addrinfo ai;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    loopback_at(&ai, AF_INET, 0);
    ck_assert_int_eq(bind(fd, &ai.addr.u.sa, ai.addr.len), 0);
    ai.addr.len = sizeof ai.addr.u;
    getsockname(fd, &ai.addr.u.sa, &ai.addr.len);
    *port = tw_sockaddr_port(&ai.addr);
    return fd;
}

static int black_hole(int listener, int port)
{
    tw_addrinfo ai;
    struct pollfd p = { .fd = listener, .events = POLLIN };
    int filler = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    loopback_at(&ai, AF_INET, port);
    ck_assert_int_eq(listen(listener, 0), 0);
    ck_assert_int_eq(connect(filler, &ai.addr.u.sa, ai.addr.len), 0);
    ck_assert_int_eq(poll(&p, 1, 5000), 1);
    return filler;
}

static int peer_port(int fd)
{
    tw_sockaddr a = { .len = sizeof a.u };
    ck_assert_int_eq(getpeername(fd, &a.u.sa, &a.len), 0);
    return tw_sockaddr_port(&a);
}
#line 3214 "chapters/tier7-tests.nw"
START_TEST(interleave_deals_the_families_in_turn)
{
    static const int given[5] = { 61, 62, 63, 41, 42 };
    static const struct { int count; int want[5]; } cases[] = {
        { 0, { 61, 62, 63, 41, 42 } },
        { 1, { 61, 41, 62, 42, 63 } },
        { 2, { 61, 62, 41, 63, 42 } },
        { 3, { 61, 62, 63, 41, 42 } },
        { 9, { 61, 62, 63, 41, 42 } },
        { -1, { 61, 41, 62, 42, 63 } },
    };
    tw_addrinfo_list *list = addresses(5), *one = addresses(3);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t i = 0; i < 5; i++)
            loopback_at(&list->ai[i], given[i] > 60 ? AF_INET6 : AF_INET, given[i]);
        tw_interleave_addrinfos(list, cases[c].count);
        for (size_t i = 0; i < 5; i++)
            ck_assert_int_eq(tw_sockaddr_port(&list->ai[i].addr), cases[c].want[i]);
    }
    for (size_t i = 0; i < 3; i++)
        loopback_at(&one->ai[i], AF_INET, 43 - (int)i);
    tw_interleave_addrinfos(one, 1);
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(tw_sockaddr_port(&one->ai[i].addr), 43 - (int)i);
    free(list);
    free(one);
}
END_TEST
#line 3252 "chapters/tier7-tests.nw"
START_TEST(a_refusal_starts_the_next_attempt_at_once)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    const tw_connect_options hour = { .happy_eyeballs = true, .happy_eyeballs_delay = 3600 };
    int refusing_port, listening_port;
    int refusing = bound(&refusing_port), listening = bound(&listening_port);
    tw_addrinfo_list *list = addresses(2);
    int before, fd;
    double start = tw_loop_time(L);
    ck_assert_int_eq(listen(listening, 8), 0);
    loopback_at(&list->ai[0], AF_INET, refusing_port);
    loopback_at(&list->ai[1], AF_INET, listening_port);
    before = open_fds();
    fd = (int)await_value(L, tw_sock_connect_staggered(L, list, NULL, &hour)).i;
    ck_assert_int_eq(peer_port(fd), listening_port);
    ck_assert(tw_loop_time(L) - start < 3600);
    ck_assert_int_eq(open_fds(), before + 1);
    close(fd);
    fd = (int)await_value(L, tw_sock_connect_staggered(L, list, NULL, NULL)).i;
    ck_assert_int_eq(peer_port(fd), listening_port);
    ck_assert_int_eq(open_fds(), before + 1);
    close(fd);
    close(refusing);
    close(listening);
    free(list);
    tw_loop_free(L);
}
END_TEST

START_TEST(a_black_hole_gives_way_after_the_delay)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    const tw_connect_options soon = { .happy_eyeballs = true, .happy_eyeballs_delay = 0.02 };
    int hole_port, listening_port;
    int hole = bound(&hole_port), listening = bound(&listening_port);
    int filler = black_hole(hole, hole_port), fd, before;
    tw_addrinfo_list *list = addresses(2);
    ck_assert_int_eq(listen(listening, 8), 0);
    loopback_at(&list->ai[0], AF_INET, hole_port);
    loopback_at(&list->ai[1], AF_INET, listening_port);
    before = open_fds();
    fd = (int)await_value(L, tw_sock_connect_staggered(L, list, NULL, &soon)).i;
    ck_assert_int_eq(peer_port(fd), listening_port);
    run_for(L, 0.001);
    ck_assert_int_eq(open_fds(), before + 1);
    close(fd);
    close(filler);
    close(hole);
    close(listening);
    free(list);
    tw_loop_free(L);
}
END_TEST
#line 3312 "chapters/tier7-tests.nw"
START_TEST(every_refusal_is_one_combined_error)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    int a_port, b_port, a = bound(&a_port), b = bound(&b_port);
    tw_addrinfo_list *list = addresses(2);
    char want[256];
    tw_error *err;
    int before = open_fds();
    loopback_at(&list->ai[0], AF_INET, a_port);
    loopback_at(&list->ai[1], AF_INET, b_port);
    err = tw_loop_run_until_complete(L, tw_sock_connect_staggered(L, list, NULL, NULL), NULL);
    snprintf(want, sizeof want, "Multiple exceptions: [Errno 111] Connect call failed "
             "('127.0.0.1', %d), [Errno 111] Connect call failed ('127.0.0.1', %d)",
             a_port, b_port);
    ck_assert_str_eq(tw_error_type(err), "OSError");
    ck_assert_str_eq(tw_error_str(err), want);
    tw_unref(err);
    loopback_at(&list->ai[1], AF_INET, a_port);
    err = tw_loop_run_until_complete(L, tw_sock_connect_staggered(L, list, NULL,
        &(tw_connect_options){ .happy_eyeballs = true, .happy_eyeballs_delay = 1 }), NULL);
    ck_assert_str_eq(tw_error_type(err), "ConnectionRefusedError");
    tw_unref(err);
    ck_assert_int_eq(open_fds(), before);
    close(a);
    close(b);
    free(list);
    tw_loop_free(L);
}
END_TEST

START_TEST(an_empty_list_is_refused)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_addrinfo_list *list = addresses(0);
    tw_error *err = tw_loop_run_until_complete(L, tw_sock_connect_staggered(L, list, NULL, NULL),
                                               NULL);
    ck_assert_str_eq(tw_error_str(err), "getaddrinfo() returned empty list");
    tw_unref(err);
    free(list);
    tw_loop_free(L);
}
END_TEST
#line 3361 "chapters/tier7-tests.nw"
START_TEST(cancelling_the_race_closes_every_socket)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    const tw_connect_options soon = { .happy_eyeballs = true, .happy_eyeballs_delay = 0.01 };
    int ports[2], holes[2], fillers[2], before;
    tw_addrinfo_list *list = addresses(2);
    tw_task *task;
    for (int i = 0; i < 2; i++) {
        holes[i] = bound(&ports[i]);
        fillers[i] = black_hole(holes[i], ports[i]);
        loopback_at(&list->ai[i], AF_INET, ports[i]);
    }
    before = open_fds();
    task = tw_loop_create_task(L, tw_sock_connect_staggered(L, list, NULL, &soon), NULL);
    run_for(L, 0.05);
    ck_assert_int_eq(open_fds(), before + 2);   /* both attempts are in flight */
    ck_assert(tw_task_cancel(task, NULL));
    run_for(L, 0.001);
    ck_assert(tw_future_cancelled(tw_task_future(task)));
    ck_assert_int_eq(open_fds(), before);
    tw_unref(task);
    for (int i = 0; i < 2; i++) {
        close(fillers[i]);
        close(holes[i]);
    }
    free(list);
    tw_loop_free(L);
}
END_TEST
#line 3399 "chapters/tier7-tests.nw"
START_TEST(local_addresses_bind_each_attempt)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    int busy_port, listening_port, refusing_port;
    int busy = bound(&busy_port), listening = bound(&listening_port);
    int refusing = bound(&refusing_port), fd;
    tw_addrinfo_list *list = addresses(1), *local = addresses(2), *v6 = addresses(1);
    tw_sockaddr mine = { .len = sizeof mine.u };
    char want[256];
    tw_error *err;
    ck_assert_int_eq(listen(listening, 8), 0);
    loopback_at(&local->ai[0], AF_INET, busy_port);
    loopback_at(&local->ai[1], AF_INET, 0);
    loopback_at(&v6->ai[0], AF_INET6, 0);
    loopback_at(&list->ai[0], AF_INET, listening_port);
    fd = (int)await_value(L, tw_sock_connect_staggered(L, list, local, NULL)).i;
    ck_assert_int_eq(getsockname(fd, &mine.u.sa, &mine.len), 0);
    ck_assert_int_ne(tw_sockaddr_port(&mine), busy_port);
    close(fd);
    loopback_at(&list->ai[0], AF_INET, refusing_port);
    err = tw_loop_run_until_complete(L, tw_sock_connect_staggered(L, list, local, NULL), NULL);
    snprintf(want, sizeof want, "Multiple exceptions: [Errno 98] error while attempting to bind "
             "on address ('127.0.0.1', %d): address already in use, [Errno 111] Connect call "
             "failed ('127.0.0.1', %d)", busy_port, refusing_port);
    ck_assert_str_eq(tw_error_str(err), want);
    tw_unref(err);
    err = tw_loop_run_until_complete(L, tw_sock_connect_staggered(L, list, v6, NULL), NULL);
    ck_assert_str_eq(tw_error_str(err),
                     "no matching local address with family=<AddressFamily.AF_INET: 2> found");
    tw_unref(err);
    close(busy);
    close(listening);
    close(refusing);
    free(list);
    free(local);
    free(v6);
    tw_loop_free(L);
}
END_TEST
#line 3447 "chapters/tier7-tests.nw"
START_TEST(a_loop_closed_mid_race_leaves_nothing_open)
{
    const tw_connect_options soon = { .happy_eyeballs = true, .happy_eyeballs_delay = 0.01 };
    int ports[2], holes[2], fillers[2], before;
    tw_addrinfo_list *list = addresses(2);
    tw_loop *L;
    for (int i = 0; i < 2; i++) {
        holes[i] = bound(&ports[i]);
        fillers[i] = black_hole(holes[i], ports[i]);
        loopback_at(&list->ai[i], AF_INET, ports[i]);
    }
    before = open_fds();
    L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    tw_unref(tw_loop_create_task(L, tw_sock_connect_staggered(L, list, NULL, &soon), NULL));
    run_for(L, 0.05);
    tw_loop_free(L);
    ck_assert_int_eq(open_fds(), before);
    for (int i = 0; i < 2; i++) {
        close(fillers[i]);
        close(holes[i]);
    }
    free(list);
}
END_TEST

#line 3129 "chapters/tier7-tests.nw"
Suite *tw_staggered_suite(void)
{
    Suite *s = suite_create("staggered");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, interleave_deals_the_families_in_turn);
    tcase_add_test(tc, a_refusal_starts_the_next_attempt_at_once);
    tcase_add_test(tc, a_black_hole_gives_way_after_the_delay);
    tcase_add_test(tc, every_refusal_is_one_combined_error);
    tcase_add_test(tc, an_empty_list_is_refused);
    tcase_add_test(tc, cancelling_the_race_closes_every_socket);
    tcase_add_test(tc, local_addresses_bind_each_attempt);
    tcase_add_test(tc, a_loop_closed_mid_race_leaves_nothing_open);
    suite_add_tcase(s, tc);
    return s;
}
