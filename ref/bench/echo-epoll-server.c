#line 1460 "chapters/measuring.nw"
/* echo-epoll-server.c -- the floor: a minimal single-threaded epoll echo server */
#define PROGRAM "echo-epoll-server"
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { READ_SIZE = 65536, EVENTS = 64 };

#line 1501 "chapters/measuring.nw"
static volatile sig_atomic_t stopping;

/* TABLE, of *N entries of SIZE bytes indexed by descriptor, made to hold FD, zeroed */
static void *grow(void *table, size_t *n, size_t size, int fd)
{
    size_t old = *n;
    if ((size_t)fd < old)
        return table;
    *n = 2 * (size_t)fd + 16;
    table = realloc(table, *n * size);
    memset((char *)table + old * size, 0, (*n - old) * size);
    return table;
}

static void on_sigterm(int sig) { (void)sig; stopping = 1; }

static void die(const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", PROGRAM, what, strerror(errno));
    exit(1);
}
#line 1525 "chapters/measuring.nw"
struct pending { char *data; size_t len; };

static struct pending *pending;           /* indexed by descriptor */
static size_t npending;

static void drop_connection(int ep, int fd)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(pending[fd].data);
    pending[fd] = (struct pending){ NULL, 0 };
}

static void keep_rest(int ep, int fd, const char *data, size_t len)
{
    struct epoll_event ev = { .events = EPOLLOUT, .data.fd = fd };
    struct pending *p = &pending[fd];
    p->data = realloc(p->data, p->len + len);
    memcpy(p->data + p->len, data, len);
    p->len += len;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

static void flush_rest(int ep, int fd)
{
    struct pending *p = &pending[fd];
    ssize_t k = send(fd, p->data, p->len, MSG_NOSIGNAL);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
    if (k < 0) {
        if (errno != EAGAIN)
            drop_connection(ep, fd);
        return;
    }
    memmove(p->data, p->data + k, p->len - (size_t)k);
    p->len -= (size_t)k;
    if (p->len == 0)
        epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

static void echo_readable(int ep, int fd)
{
    static char buf[READ_SIZE];
    ssize_t n = read(fd, buf, sizeof buf), k;
    if (n <= 0) {
        if (n == 0 || errno != EAGAIN)
            drop_connection(ep, fd);
        return;
    }
    k = send(fd, buf, (size_t)n, MSG_NOSIGNAL);
    if (k < 0 && errno != EAGAIN) {
        drop_connection(ep, fd);
        return;
    }
    if (k < n)
        keep_rest(ep, fd, buf + (k < 0 ? 0 : k), (size_t)(n - (k < 0 ? 0 : k)));
}
#line 1589 "chapters/measuring.nw"
static bool accepted(int fd)
{
    pending = grow(pending, &npending, sizeof *pending, fd);
    return true;
}

static void ready(int ep, int fd, uint32_t events)
{
    if (events & EPOLLOUT)
        flush_rest(ep, fd);
    else
        echo_readable(ep, fd);
}

#line 1480 "chapters/measuring.nw"
int main(int argc, char **argv)
{
    const char *port_arg = argv[1];
    if (argc != 2) {
        fprintf(stderr, "usage: echo-epoll-server PORT\n");
        return 2;
    }
    {
        
#line 1608 "chapters/measuring.nw"
struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
struct sigaction sa = { .sa_handler = on_sigterm };
struct epoll_event ev = { .events = EPOLLIN, .data.fd = -1 }, events[EVENTS];
int one = 1, lfd, ep;
addr.sin_port = htons((unsigned short)atoi(port_arg));
sigaction(SIGTERM, &sa, NULL);            /* no SA_RESTART: epoll_wait returns EINTR */
lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 100) < 0)
    die("listen");
if ((ep = epoll_create1(0)) < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0)
    die("epoll");
printf("listening\n");
fflush(stdout);
#line 1489 "chapters/measuring.nw"
        
#line 1625 "chapters/measuring.nw"
while (!stopping) {
    int n = epoll_wait(ep, events, EVENTS, -1);
    if (n < 0 && errno != EINTR)
        die("epoll_wait");
    for (int i = 0; i < n; i++) {
        int fd = events[i].data.fd;
        if (fd < 0) {
            int c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
            struct epoll_event cev = { .events = EPOLLIN, .data.fd = c };
            if (c < 0)
                continue;
            setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (accepted(c) && epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev) == 0)
                continue;
            close(c);
        } else
            ready(ep, fd, events[i].events);
    }
}
close(ep);
close(lfd);
return 0;
#line 1490 "chapters/measuring.nw"
    }
}
