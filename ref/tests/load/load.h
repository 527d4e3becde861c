#line 1576 "chapters/tier7-tests.nw"
/* load.h -- helpers of the load and fault tests */
#ifndef TOWER_TEST_LOAD_H
#define TOWER_TEST_LOAD_H
#include "../sockets.h"
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#line 1593 "chapters/tier7-tests.nw"
static int threads(void)
{
    char line[128];
    int n = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (n < 0 && fgets(line, sizeof line, f))
        if (sscanf(line, "Threads: %d", &n) != 1)
            n = -1;
    fclose(f);
    return n;
}

static int fds_before, threads_before;

__attribute__((unused)) static void count_before(void)
{
    fds_before = open_fds();
    threads_before = threads();
}

__attribute__((unused)) static void nothing_leaked(void)
{
    ck_assert_int_eq(open_fds(), fds_before);
    ck_assert_int_eq(threads(), threads_before);
}

__attribute__((unused)) static size_t resident_bytes(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    ck_assert_int_eq(fscanf(f, "%ld %ld", &pages, &resident), 2);
    fclose(f);
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

__attribute__((unused)) static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
#line 1642 "chapters/tier7-tests.nw"
__attribute__((unused)) static int tcp_client(int port, int rcvbuf)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ck_assert_int_ge(fd, 0);
    if (rcvbuf > 0)                       /* before connect: a small window from the start */
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

__attribute__((unused)) static int tcp_listener(int *port)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(fd, 16), 0);
    getsockname(fd, (struct sockaddr *)&a, &len);
    *port = ntohs(a.sin_port);
    return fd;
}

__attribute__((unused)) static void reset(int fd)
{
    struct linger hard = { .l_onoff = 1, .l_linger = 0 };
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard), 0);
    close(fd);
}

__attribute__((unused)) static int server_port(tw_server *s)
{
    return tw_sockaddr_port(tw_server_sockname(s, 0));
}
#line 1685 "chapters/tier7-tests.nw"
struct tcp_rig { tw_loop *L; tw_transport *t; int peer; };

__attribute__((unused)) static void tcp_rig_open(struct tcp_rig *r, tw_protocol_factory factory)
{
    int port, listener = tcp_listener(&port);
    r->L = tw_loop_new_clock(TW_CLOCK_REAL);
    trace[0] = '\0';
    r->t = await_value(r->L, tw_create_connection(r->L, factory, NULL, "127.0.0.1", port)).p;
    r->peer = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    ck_assert_int_ge(r->peer, 0);
    close(listener);
}

__attribute__((unused)) static void tcp_rig_close(struct tcp_rig *r)
{
    tw_unref(r->t);
    if (r->peer >= 0)
        close(r->peer);
    tw_loop_free(r->L);
}
#line 1589 "chapters/tier7-tests.nw"
#endif
