#line 1478 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { LOW = 100, EXTRA = 1000, FILL = 65536 };

static char log_text[512];
static size_t base;

static void note(const char *entry)
{
    size_t len = strlen(log_text);
    snprintf(log_text + len, sizeof log_text - len, "%s%s", len ? ", " : "", entry);
}

static const char *logged(void) { return log_text[0] ? log_text : "no callback"; }

struct flow { tw_protocol base; tw_transport *transport; };

static tw_error *flow_made(tw_protocol *p, tw_transport *t)
{
    ((struct flow *)p)->transport = t;
    return NULL;
}

static tw_error *flow_pause(tw_protocol *p)
{
    char entry[64];
    snprintf(entry, sizeof entry, "pause_writing at size %zu",
             tw_transport_get_write_buffer_size(((struct flow *)p)->transport) - base);
    note(entry);
    return NULL;
}

static tw_error *flow_resume(tw_protocol *p)
{
    size_t size = tw_transport_get_write_buffer_size(((struct flow *)p)->transport);
    note(size <= base + LOW ? "resume_writing with size <= low: True"
                            : "resume_writing with size <= low: False");
    return NULL;
}

static const tw_protocol_class flow_class = {
    .name = "Flow", .connection_made = flow_made, .pause_writing = flow_pause,
    .resume_writing = flow_resume,
};

static tw_protocol *factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&flow_class, sizeof(struct flow));
}

struct main_frame { tw_coro co; int sv[2]; tw_transport *t; char *bytes, *inbox; size_t written, total; };

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->bytes);
    free(f->inbox);
    tw_unref(f->t);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    f->bytes = malloc(FILL);
    memset(f->bytes, 'f', FILL);
    f->inbox = malloc(1 << 20);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    tw_transport_set_write_buffer_limits(f->t, 1L << 30, TW_LIMIT_DEFAULT);
    while (tw_transport_get_write_buffer_size(f->t) == 0) {
        tw_transport_write(f->t, f->bytes, FILL);
        f->written += FILL;
    }
    base = tw_transport_get_write_buffer_size(f->t);
    tw_transport_set_write_buffer_limits(f->t, (long)(base + EXTRA), (long)(base + LOW));
    printf("paused by set_write_buffer_limits: %s\n", tw_bool_str(log_text[0]));
    tw_transport_write(f->t, f->bytes, EXTRA - 1);
    printf("write up to one byte below high: %s\n", logged());
    tw_transport_write(f->t, f->bytes, 1);
    printf("write up to exactly high: %s\n", logged());
    note("before write");
    tw_transport_write(f->t, f->bytes, 1);
    note("after write");
    printf("one byte over high: %s\n", log_text);
    log_text[0] = '\0';
    tw_transport_write(f->t, f->bytes, 5000);
    printf("more writes while paused: %s\n", logged());
    f->written += EXTRA + 1 + 5000;
    while (f->total < f->written) {
        TW_AWAIT(co, tw_sock_recv(loop, f->sv[1], f->inbox, 1 << 20));
        f->total += (size_t)TW_RESULT(co).i;
    }
    while (tw_transport_get_write_buffer_size(f->t))
        TW_AWAIT(co, tw_sleep(0.001));
    TW_AWAIT(co, tw_sleep(0.01));
    printf("after the peer read everything: %s\n", logged());
    tw_transport_close(f->t);
    close(f->sv[1]);
    TW_AWAIT(co, tw_sleep(0.01));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
