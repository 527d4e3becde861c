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

#line 4810 "chapters/tier7-examples.nw"
static const struct run {
    const char *label;
    tw_connect_options options;
} runs[] = {
    { "happy_eyeballs_delay=0.01", { .happy_eyeballs = true, .happy_eyeballs_delay = 0.01 } },
    { "one after the other", { 0 } },
};

struct main_frame {
    tw_coro co;
    int v6, v4, port, fillers[2], before;
    size_t run, i;
    tw_task *task;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    const char *label;
    TW_BEGIN(co);
    f->port = reserve_port(&f->v6, &f->v4);
    f->fillers[0] = black_hole(f->v6, AF_INET6, f->port);
    f->fillers[1] = black_hole(f->v4, AF_INET, f->port);
    puts("neither address answers");
    for (f->run = 0; f->run < sizeof runs / sizeof runs[0]; f->run++) {
        f->before = open_fds();
        f->task = tw_create_task(tw_create_connection_with(loop, factory, NULL, NULL, f->port,
                                                           &runs[f->run].options), NULL);
        TW_AWAIT(co, tw_sleep(0.2));
        label = runs[f->run].label;
        printf("  %s: still connecting after a while: %s\n", label,
               tw_bool_str(!tw_future_done(tw_task_future(f->task))));
        tw_task_cancel(f->task, NULL);
        TW_AWAIT_TRY(co, tw_ref(f->task));
        label = runs[f->run].label;
        if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
            printf("  %s: cancelled: %s\n", label,
                   tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
        else if (TW_ERROR(co))
            TW_RERAISE(co);
        tw_unref(f->task);
        f->task = NULL;
        for (f->i = 0; f->i < 5; f->i++)
            TW_AWAIT(co, tw_sleep(0));
        printf("  %s: sockets left open: %d\n", runs[f->run].label, open_fds() - f->before);
    }
    close(f->fillers[0]);
    close(f->fillers[1]);
    close(f->v6);
    close(f->v4);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
