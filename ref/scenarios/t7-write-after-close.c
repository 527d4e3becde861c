#line 3844 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { SIZE = 4 * 1024 * 1024 };

struct watcher { tw_protocol base; tw_future *lost; int calls; };

static tw_error *watcher_lost(tw_protocol *p, tw_error *exc)
{
    struct watcher *w = (struct watcher *)p;
    w->calls++;
    return tw_future_set_result(w->lost, TW_STR(exc ? tw_error_str(exc) : "None"));
}

static void watcher_destroy(tw_protocol *p)
{
    tw_unref(((struct watcher *)p)->lost);
}

static const tw_protocol_class watcher_class = {
    .name = "Watcher", .connection_lost = watcher_lost, .destroy = watcher_destroy,
};

static tw_protocol *factory(void *arg)
{
    struct watcher *w = tw_protocol_new(&watcher_class, sizeof *w);
    (void)arg;
    w->lost = tw_future_new(tw_get_running_loop());
    return &w->base;
}

/* Reads the peer's end to the end of file: the byte count, the last
   bytes, and whether every byte was the one given. */
struct drain_frame {
    tw_coro co;
    int fd;
    char only;
    size_t total;
    bool all_only;
    char tail[15], *buf;                  /* the last 14 bytes, and a NUL */
};

static void drain_cleanup(tw_coro *co)
{
    free(((struct drain_frame *)co)->buf);
}

static void keep_tail(char *tail, size_t size, const char *data, size_t n)
{
    if (n >= size) {
        memcpy(tail, data + n - size, size);
    } else {
        memmove(tail, tail + n, size - n);
        memcpy(tail + size - n, data, n);
    }
}

static tw_step drain_body(tw_coro *co)
{
    struct drain_frame *f = (struct drain_frame *)co;
    size_t n;
    TW_BEGIN(co);
    f->buf = malloc(1 << 20);
    f->all_only = true;
    for (;;) {
        TW_AWAIT(co, tw_sock_recv(tw_get_running_loop(), f->fd, f->buf, 1 << 20));
        n = (size_t)TW_RESULT(co).i;
        if (n == 0)
            break;
        for (size_t i = 0; i < n; i++)
            f->all_only = f->all_only && f->buf[i] == f->only;
        keep_tail(f->tail, sizeof f->tail - 1, f->buf, n);
        f->total += n;
    }
    TW_END(co);
}

static struct drain_frame *drain(int fd, char only)
{
    struct drain_frame *f = tw_coro_new(drain_body, sizeof *f);
    f->co.cleanup = drain_cleanup;
    f->fd = fd;
    f->only = only;
    return f;
}

static struct watcher *watcher_of(tw_transport *t)
{
    return (struct watcher *)tw_transport_get_protocol(t);
}

struct main_frame { tw_coro co; int sv[2]; tw_transport *t; struct watcher *w; char *data;
                    struct drain_frame *drained; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->data);
    if (f->t)
        tw_unref(f->t);
    if (f->w)
        tw_unref(&f->w->base);
    if (f->drained)
        tw_unref(&f->drained->co);
}

/* A new socket pair, its transport in f->t and its protocol, kept, in f->w. */
#define CONNECT(co, f) \
    do { \
        if ((f)->t) { tw_unref((f)->t); tw_unref(&(f)->w->base); } \
        socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, (f)->sv); \
        TW_AWAIT(co, tw_create_unix_connection(tw_get_running_loop(), factory, NULL, NULL, \
                                               (f)->sv[0])); \
        (f)->t = TW_RESULT(co).p; \
        (f)->w = watcher_of((f)->t); \
        tw_ref(&(f)->w->base); \
    } while (0)

/* Drains the peer into f->drained (a new reference, kept for reading). */
#define DRAIN(co, f, only) \
    do { \
        if ((f)->drained) tw_unref(&(f)->drained->co); \
        (f)->drained = drain((f)->sv[1], only); \
        TW_AWAIT(co, tw_ref(&(f)->drained->co)); \
    } while (0)

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->data = malloc(SIZE);

    /* close() with data still buffered: the transport stops reading at once
       and flushes; a write before the flush is done joins the buffer. */
    CONNECT(co, f);
    memset(f->data, 'a', SIZE);
    tw_unref(tw_transport_write(f->t, f->data, SIZE));
    tw_transport_close(f->t);
    printf("close with %d bytes written: buffered %s, closing %s, reading %s\n", SIZE,
           tw_bool_str(tw_transport_get_write_buffer_size(f->t) > 0),
           tw_bool_str(tw_transport_is_closing(f->t)), tw_bool_str(tw_transport_is_reading(f->t)));
    tw_transport_pause_reading(f->t);
    tw_transport_resume_reading(f->t);
    printf("pause_reading and resume_reading while closing change nothing: reading %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)));
    tw_unref(tw_transport_write(f->t, "while flushing", 14));
    tw_unref(tw_transport_write_eof(f->t));
    printf("write while flushing: no error; write_eof while closing: nothing to do\n");
    DRAIN(co, f, 'a');
    printf("the peer read %zu bytes more than the first write, ending b'%s'\n",
           f->drained->total - SIZE, f->drained->tail);
    TW_AWAIT(co, tw_ref(f->w->lost));
    printf("connection_lost(%s), calls %d\n", TW_RESULT(co).s, f->w->calls);
    tw_transport_pause_reading(f->t);
    tw_transport_resume_reading(f->t);
    printf("after connection_lost: closing %s, reading %s, buffered %zu\n",
           tw_bool_str(tw_transport_is_closing(f->t)), tw_bool_str(tw_transport_is_reading(f->t)),
           tw_transport_get_write_buffer_size(f->t));
    close(f->sv[1]);

    /* close() with nothing buffered: connection_lost is scheduled at once,
       and a write after close is dropped. */
    CONNECT(co, f);
    tw_transport_close(f->t);
    tw_unref(tw_transport_write(f->t, "after close", 11));
    printf("close with nothing buffered, then write: buffered %zu\n",
           tw_transport_get_write_buffer_size(f->t));
    TW_AWAIT(co, tw_ref(f->w->lost));
    printf("connection_lost(%s); ", TW_RESULT(co).s);
    DRAIN(co, f, 'a');
    printf("the peer read %s\n", f->drained->total == 0 ? "b''" : "something");
    close(f->sv[1]);

    /* abort() drops the buffer, and every write after it. */
    CONNECT(co, f);
    memset(f->data, 'b', SIZE);
    tw_unref(tw_transport_write(f->t, f->data, SIZE));
    tw_transport_abort(f->t);
    tw_unref(tw_transport_write(f->t, "after abort", 11));
    printf("abort with %d bytes written, then write: buffered %zu, closing %s, reading %s\n", SIZE,
           tw_transport_get_write_buffer_size(f->t), tw_bool_str(tw_transport_is_closing(f->t)),
           tw_bool_str(tw_transport_is_reading(f->t)));
    tw_transport_abort(f->t);
    tw_transport_close(f->t);
    printf("abort and close again: nothing to do\n");
    DRAIN(co, f, 'b');
    TW_AWAIT(co, tw_ref(f->w->lost));
    printf("connection_lost(%s), calls %d; the peer read fewer bytes: %s, only b's: %s\n",
           TW_RESULT(co).s, f->w->calls, tw_bool_str(f->drained->total < SIZE),
           tw_bool_str(f->drained->all_only));
    close(f->sv[1]);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
