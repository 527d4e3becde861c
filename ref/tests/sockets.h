#line 15 "chapters/tier7-tests.nw"
/* sockets.h -- helpers of the transport and protocol unit tests */
#ifndef TOWER_TEST_SOCKETS_H
#define TOWER_TEST_SOCKETS_H
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

#line 31 "chapters/tier7-tests.nw"
__attribute__((unused)) static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1;                         /* the directory's own descriptor */
}

__attribute__((unused)) static tw_error *stop_soon(void *loop)
{
    tw_loop_stop(loop);
    return NULL;
}

__attribute__((unused)) static void run_for(tw_loop *L, double seconds)
{
    tw_call_later(L, seconds, stop_soon, L, NULL);
    ck_assert_ptr_null(tw_loop_run_forever(L));
}

__attribute__((unused)) static bool run_until(tw_loop *L, bool (*done)(void *), void *arg)
{
    for (int i = 0; i < 5000 && !done(arg); i++)
        run_for(L, 0.001);
    return done(arg);
}

__attribute__((unused)) static tw_value (await_value)(tw_loop *L, tw_awaitable *awaitable)
{
    tw_value v;
    tw_error *err = tw_loop_run_until_complete(L, awaitable, &v);
    if (err)
        tw_error_print(stderr, err);
    ck_assert_ptr_null(err);
    return v;
}
/* a macro, as tw_wait_for is, so that the compiler checks what the test awaits */
#define await_value(L, aw) (await_value)((L), TW_AWAITABLE(aw))

__attribute__((unused))
static tw_transport *adopt(tw_loop *L, tw_protocol_factory factory, void *arg, int fd)
{
    return await_value(L, tw_create_unix_connection(L, factory, arg, NULL, fd)).p;
}

__attribute__((unused)) static void pair(int sv[2])
{
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
}

__attribute__((unused)) static size_t drain(int fd)
{
    static char sink[65536];
    size_t total = 0;
    ssize_t n;
    while ((n = read(fd, sink, sizeof sink)) > 0)
        total += (size_t)n;
    return total;
}
#line 101 "chapters/tier7-tests.nw"
static char trace[512];

struct rec {
    tw_protocol base;
    tw_transport *transport;
    bool keep_open, lost;
    const char *reply;
};

__attribute__((unused)) static void note(const char *fmt, const char *arg)
{
    size_t len = strlen(trace);
    snprintf(trace + len, sizeof trace - len, fmt, len ? " " : "", arg);
}

static tw_error *rec_made(tw_protocol *p, tw_transport *t)
{
    ((struct rec *)p)->transport = t;
    note("%smade%s", "");
    return NULL;
}

static tw_error *rec_data(tw_protocol *p, const void *data, size_t n)
{
    char text[64];
    (void)p;
    snprintf(text, sizeof text, "%.*s", (int)n, (const char *)data);
    note("%sdata:%s", text);
    return NULL;
}

static tw_error *rec_eof(tw_protocol *p, bool *keep_open)
{
    struct rec *r = (struct rec *)p;
    note("%seof%s", "");
    if (r->reply)
        tw_transport_write(r->transport, r->reply, strlen(r->reply));
    *keep_open = r->keep_open;
    return NULL;
}

static tw_error *rec_lost(tw_protocol *p, tw_error *exc)
{
    ((struct rec *)p)->lost = true;
    note("%slost:%s", exc ? tw_error_type(exc) : "None");
    return NULL;
}

static tw_error *rec_pause(tw_protocol *p)
{
    (void)p;
    note("%spause%s", "");
    return NULL;
}

static tw_error *rec_resume(tw_protocol *p)
{
    (void)p;
    note("%sresume%s", "");
    return NULL;
}

static const tw_protocol_class rec_class = {
    .name = "Recorder", .connection_made = rec_made, .data_received = rec_data,
    .eof_received = rec_eof, .connection_lost = rec_lost, .pause_writing = rec_pause,
    .resume_writing = rec_resume,
};

static struct rec *last_rec;

__attribute__((unused)) static tw_protocol *rec_factory(void *arg)
{
    struct rec *r = tw_protocol_new(&rec_class, sizeof *r);
    (void)arg;
    last_rec = r;
    return &r->base;
}

__attribute__((unused)) static bool rec_is_lost(void *r) { return ((struct rec *)r)->lost; }

__attribute__((unused)) static size_t fill(tw_transport *t)
{
    static char block[65536];
    while (tw_transport_get_write_buffer_size(t) == 0)
        tw_transport_write(t, block, sizeof block);
    return tw_transport_get_write_buffer_size(t);
}
#line 195 "chapters/tier7-tests.nw"
struct rig { int before, sv[2]; tw_loop *L; tw_transport *t; };

__attribute__((unused)) static void rig_open(struct rig *r, tw_protocol_factory factory, void *arg)
{
    r->before = open_fds();
    r->L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    pair(r->sv);
    trace[0] = '\0';
    r->t = adopt(r->L, factory, arg, r->sv[0]);
}

__attribute__((unused)) static void rig_close(struct rig *r)
{
    tw_unref(r->t);
    close(r->sv[1]);
    tw_loop_free(r->L);
    ck_assert_int_eq(open_fds(), r->before);
}
#line 27 "chapters/tier7-tests.nw"
#endif
