#line 1201 "chapters/measuring.nw"
/* echo-client.c -- the load client of the TCP and TLS echo benchmarks */
#include <errno.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { REQUEST_SIZE = 1024, MAX_CONNECTIONS = 4096 };

#line 1233 "chapters/measuring.nw"
struct conn {
    int fd;
    SSL *ssl;                             /* NULL without --tls */
    uint64_t seq;                         /* requests this connection has sent */
    size_t got;                           /* bytes of the current echo received */
    char msg[REQUEST_SIZE];               /* the request in flight */
};

static void die(const char *what)
{
    fprintf(stderr, "echo-client: %s: %s\n", what, strerror(errno));
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void send_request(struct conn *c)
{
    c->seq++;
    memcpy(c->msg, &c->seq, sizeof c->seq);
    c->got = 0;
    if (c->ssl ? SSL_write(c->ssl, c->msg, REQUEST_SIZE) != REQUEST_SIZE
               : send(c->fd, c->msg, REQUEST_SIZE, MSG_NOSIGNAL) != REQUEST_SIZE)
        die("send");
}
#line 1274 "chapters/measuring.nw"
static SSL_CTX *tls_context(const char *cafile)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, cafile, NULL) != 1
        || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1
        || SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") != 1) {
        fprintf(stderr, "echo-client: cannot make a TLS context with CA file %s\n", cafile);
        exit(2);
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

static void handshake(SSL_CTX *ctx, struct conn *c)
{
    if ((c->ssl = SSL_new(ctx)) == NULL || SSL_set_fd(c->ssl, c->fd) != 1
        || SSL_connect(c->ssl) != 1) {
        ERR_print_errors_fp(stderr);
        fprintf(stderr, "echo-client: TLS handshake failed\n");
        exit(1);
    }
    fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
}

static ssize_t receive(struct conn *c, char *buf, size_t n)
{
    int k;
    if (c->ssl == NULL)
        return recv(c->fd, buf, n, 0);
    k = SSL_read(c->ssl, buf, (int)n);
    if (k <= 0 && SSL_get_error(c->ssl, k) == SSL_ERROR_WANT_READ)
        return -2;
    return k;
}

static void hang_up(struct conn *c)
{
    if (c->ssl) {
        SSL_shutdown(c->ssl);             /* our close_notify; the server's is not awaited */
        SSL_free(c->ssl);
    }
    close(c->fd);
}
#line 1397 "chapters/measuring.nw"
static int serve_echoes(int ep, uint64_t inflight, uint64_t limit, double deadline,
                        uint64_t *issued, uint64_t *done)
{
    struct epoll_event events[MAX_CONNECTIONS];
    char buf[REQUEST_SIZE];
    while (inflight > 0) {
        int n = epoll_wait(ep, events, MAX_CONNECTIONS, 1000);
        bool late = deadline > 0 && now() >= deadline;
        if (n < 0 && errno != EINTR)
            die("epoll_wait");
        if (n == 0) {
            fprintf(stderr, "echo-client: no echo for a second\n");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            ssize_t k = receive(c, buf, REQUEST_SIZE - c->got);
            if (k == -2)
                continue;
            if (k <= 0) {
                fprintf(stderr, "echo-client: the server closed a connection\n");
                return 1;
            }
            if (memcmp(buf, c->msg + c->got, (size_t)k) != 0) {
                fprintf(stderr, "echo-client: the echo differs from the request\n");
                return 1;
            }
            c->got += (size_t)k;
            if (c->got < REQUEST_SIZE)
                continue;
            ++*done;
            if (late || *issued >= limit)
                inflight--;
            else {
                ++*issued;
                send_request(c);
            }
        }
    }
    return 0;
}

#line 1224 "chapters/measuring.nw"
int main(int argc, char **argv)
{
    
#line 1320 "chapters/measuring.nw"
struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *ai;
int nconn, ep;
double seconds, start, elapsed;
uint64_t limit = 0, issued = 0, done = 0;
struct conn *conns;
char *unit;
SSL_CTX *tls = NULL;
bool ready = false;
for (; argc > 1 && strncmp(argv[1], "--", 2) == 0; argc--, argv++)
    if (strcmp(argv[1], "--ready") == 0)
        ready = true;
    else if (strcmp(argv[1], "--tls") == 0 && argc > 2 && tls == NULL) {
        tls = tls_context(argv[2]);
        argc--, argv++;
    } else
        break;
if (argc != 5) {
    fprintf(stderr, "usage: echo-client [--tls CAFILE] [--ready] "
                    "HOST PORT CONNECTIONS (SECONDSs | REQUESTS)\n");
    return 2;
}
nconn = atoi(argv[3]);
if (nconn < 1 || nconn > MAX_CONNECTIONS) {
    fprintf(stderr, "echo-client: CONNECTIONS must be 1..%d\n", MAX_CONNECTIONS);
    return 2;
}
seconds = strtod(argv[4], &unit);
if (*unit == 's' && unit[1] == '\0' && seconds > 0)
    limit = UINT64_MAX;
else if (*unit == '\0' && seconds >= 1) {
    limit = (uint64_t)seconds;
    seconds = 0;
} else {
    fprintf(stderr, "echo-client: give a duration such as 2s or a request count\n");
    return 2;
}
if (getaddrinfo(argv[1], argv[2], &hints, &ai) != 0) {
    fprintf(stderr, "echo-client: cannot resolve %s port %s\n", argv[1], argv[2]);
    return 2;
}
#line 1227 "chapters/measuring.nw"
    
#line 1363 "chapters/measuring.nw"
conns = calloc((size_t)nconn, sizeof *conns);
if ((ep = epoll_create1(0)) < 0)
    die("epoll_create1");
for (int i = 0; i < nconn; i++) {
    int one = 1;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &conns[i] };
    conns[i].fd = socket(ai->ai_family, SOCK_STREAM, 0);
    if (conns[i].fd < 0 || connect(conns[i].fd, ai->ai_addr, ai->ai_addrlen) < 0)
        die("connect");
    setsockopt(conns[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (tls)
        handshake(tls, &conns[i]);
    if (epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev) < 0)
        die("epoll_ctl");
}
freeaddrinfo(ai);
if (ready) {
    char line[16];
    printf("connected\n");
    fflush(stdout);
    if (fgets(line, sizeof line, stdin) == NULL && ferror(stdin))
        die("reading the go-ahead");
}
#line 1228 "chapters/measuring.nw"
    
#line 1441 "chapters/measuring.nw"
start = now();
for (int i = 0; i < nconn && issued < limit; i++, issued++)
    send_request(&conns[i]);
if (serve_echoes(ep, issued, limit, seconds > 0 ? start + seconds : 0, &issued, &done))
    return 1;
elapsed = now() - start;
for (int i = 0; i < nconn; i++)
    hang_up(&conns[i]);
close(ep);
free(conns);
SSL_CTX_free(tls);
printf("echo-client %.1f requests/s %llu requests %.3f s\n", (double)done / elapsed,
       (unsigned long long)done, elapsed);
return 0;
#line 1229 "chapters/measuring.nw"
}
