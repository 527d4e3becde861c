#line 4487 "chapters/tier7-examples.nw"
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static tw_sockaddr loopback(int family, int port)
{
    tw_sockaddr a;
    memset(&a, 0, sizeof a);
    if (family == AF_INET6) {
        a.len = sizeof a.u.in6;
        a.u.in6.sin6_family = AF_INET6;
        a.u.in6.sin6_addr = in6addr_loopback;
        a.u.in6.sin6_port = htons(port);
    } else {
        a.len = sizeof a.u.in4;
        a.u.in4.sin_family = AF_INET;
        a.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.u.in4.sin_port = htons(port);
    }
    return a;
}

/* A port bound on both loopback addresses, listening on neither. */
static int reserve_port(int *v6, int *v4)
{
    for (;;) {
        int one = 1, port;
        tw_sockaddr a = loopback(AF_INET, 0);
        *v4 = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        bind(*v4, &a.u.sa, a.len);
        a.len = sizeof a.u;
        getsockname(*v4, &a.u.sa, &a.len);
        port = tw_sockaddr_port(&a);
        *v6 = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        setsockopt(*v6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        a = loopback(AF_INET6, port);
        if (bind(*v6, &a.u.sa, a.len) == 0)
            return port;
        close(*v4);
        close(*v6);
    }
}

/* Fill the listener's queue: with a backlog of 0 one connection fills
   it, and the kernel then drops every new SYN. */
__attribute__((unused)) static int black_hole(int listener, int family, int port)
{
    tw_sockaddr a = loopback(family, port);
    struct pollfd p = { .fd = listener, .events = POLLIN };
    int filler = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    listen(listener, 0);
    connect(filler, &a.u.sa, a.len);
    poll(&p, 1, -1);                      /* the filler is queued */
    return filler;
}

__attribute__((unused)) static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

static tw_protocol *factory(void *arg)
{
    static const tw_protocol_class plain = { .name = "Protocol" };
    (void)arg;
    return tw_protocol_new(&plain, sizeof(tw_protocol));
}

__attribute__((unused)) static const char *peer_host(tw_transport *t,
                                                     char buf[TW_ADDRSTRLEN])
{
    return tw_sockaddr_host(tw_transport_get_extra_info(t, "peername", TW_NONE).p, buf);
}

#line 4745 "chapters/tier7-examples.nw"
static const struct run {
    const char *label;
    const char *host;
    tw_connect_options options;
} runs[] = {
    { "both, one after the other", NULL, { 0 } },
    { "both, happy_eyeballs_delay=30", NULL,
      { .happy_eyeballs = true, .happy_eyeballs_delay = 30 } },
    { "both, interleave=2", NULL, { .interleave = 2 } },
    { "127.0.0.1 alone, happy_eyeballs_delay=30", "127.0.0.1",
      { .happy_eyeballs = true, .happy_eyeballs_delay = 30 } },
    { "::1 alone, happy_eyeballs_delay=30", "::1",
      { .happy_eyeballs = true, .happy_eyeballs_delay = 30 } },
};

struct main_frame { tw_coro co; int v6, v4, port; size_t run; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    const struct run *r;
    TW_BEGIN(co);
    f->port = reserve_port(&f->v6, &f->v4);
    for (f->run = 0; f->run < sizeof runs / sizeof runs[0]; f->run++) {
        r = &runs[f->run];
        TW_AWAIT_TRY(co, tw_create_connection_with(loop, factory, NULL, r->host, f->port,
                                                   &r->options));
        r = &runs[f->run];
        if (tw_error_is(TW_ERROR(co), TW_ERR_OS))
            printf("%s: %s: %s\n", r->label, tw_error_type(TW_ERROR(co)),
                   tw_error_str(TW_ERROR(co)));
        else if (TW_ERROR(co))
            TW_RERAISE(co);
        else {
            printf("%s: connected?\n", r->label);
            tw_unref((tw_transport *)TW_RESULT(co).p);
        }
    }
    close(f->v6);
    close(f->v4);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
