#line 2281 "chapters/measuring.nw"
/* echo-tls-epoll-server.c -- the TLS floor: epoll and OpenSSL on non-blocking sockets */
#define PROGRAM "echo-tls-epoll-server"
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
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
#line 2331 "chapters/measuring.nw"
struct tconn { SSL *ssl; char *kept; size_t len; };

static SSL_CTX *ctx;
static struct tconn *conns;               /* indexed by descriptor */
static size_t nconns;

static bool accepted(int fd)
{
    conns = grow(conns, &nconns, sizeof *conns, fd);
    if ((conns[fd].ssl = SSL_new(ctx)) == NULL || SSL_set_fd(conns[fd].ssl, fd) != 1)
        return false;
    SSL_set_accept_state(conns[fd].ssl);
    return true;
}

static void drop_connection(int ep, int fd)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    SSL_free(conns[fd].ssl);
    free(conns[fd].kept);
    conns[fd] = (struct tconn){ NULL, NULL, 0 };
    close(fd);
}

static void wait_for(int ep, int fd, uint32_t events)
{
    struct epoll_event ev = { .events = events, .data.fd = fd };
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/* 1: written; 0: kept for EPOLLOUT; -1: the connection failed */
static int write_all(int ep, int fd, const char *data, size_t len)
{
    struct tconn *c = &conns[fd];
    int k;
    ERR_clear_error();
    k = SSL_write(c->ssl, data, (int)len);
    if (k > 0)
        return 1;
    if (SSL_get_error(c->ssl, k) != SSL_ERROR_WANT_WRITE)
        return -1;
    if (data != c->kept) {
        c->kept = realloc(c->kept, len);
        memcpy(c->kept, data, len);
        c->len = len;
    }
    wait_for(ep, fd, EPOLLOUT);
    return 0;
}
#line 2389 "chapters/measuring.nw"
static void ready(int ep, int fd, uint32_t events)
{
    static char buf[READ_SIZE];
    struct tconn *c = &conns[fd];
    size_t len;
    int k = 0;
    (void)events;
    ERR_clear_error();
    if (!SSL_is_init_finished(c->ssl) && (k = SSL_do_handshake(c->ssl)) != 1) {
        if (SSL_get_error(c->ssl, k) != SSL_ERROR_WANT_READ)
            drop_connection(ep, fd);
        return;
    }
    if (c->len > 0) {
        if ((k = write_all(ep, fd, c->kept, c->len)) <= 0) {
            if (k < 0)
                drop_connection(ep, fd);
            return;
        }
        c->len = 0;
        wait_for(ep, fd, EPOLLIN);
    }
    for (;;) {
        bool full, failed;
        int w = 1;
        for (len = 0; len < sizeof buf; len += (size_t)k)
            if ((k = SSL_read(c->ssl, buf + len, (int)(sizeof buf - len))) <= 0)
                break;
        full = len == sizeof buf;
        failed = !full && SSL_get_error(c->ssl, k) != SSL_ERROR_WANT_READ;
        if (len > 0 && (w = write_all(ep, fd, buf, len)) < 0)
            failed = true;
        if (failed)
            drop_connection(ep, fd);      /* the peer closed, or the connection failed */
        if (failed || w == 0 || !full)
            return;
    }
}

#line 2303 "chapters/measuring.nw"
int main(int argc, char **argv)
{
    const char *port_arg = argv[3];
    if (argc != 4) {
        fprintf(stderr, "usage: echo-tls-epoll-server CERTFILE KEYFILE PORT\n");
        return 2;
    }
    
#line 2319 "chapters/measuring.nw"
signal(SIGPIPE, SIG_IGN);                 /* OpenSSL writes with write(2) */
ctx = SSL_CTX_new(TLS_server_method());
if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, argv[1]) != 1
    || SSL_CTX_use_PrivateKey_file(ctx, argv[2], SSL_FILETYPE_PEM) != 1) {
    ERR_print_errors_fp(stderr);
    return 2;
}
SSL_CTX_set_read_ahead(ctx, 1);
SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
#line 2311 "chapters/measuring.nw"
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
#line 2313 "chapters/measuring.nw"
        
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
#line 2314 "chapters/measuring.nw"
    }
}
