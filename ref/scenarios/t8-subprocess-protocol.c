#line 2072 "chapters/tier8-examples.nw"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct child {
    tw_protocol base;
    tw_future *done;
    tw_transport *transport;
    char events[8][64], out[64];
    int nevents;
    size_t n;
};

static void record(struct child *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->events[c->nevents++], sizeof c->events[0], fmt, ap);
    va_end(ap);
}

static tw_error *made(tw_protocol *self, tw_transport *t)
{
    struct child *c = (struct child *)self;
    c->transport = t;
    record(c, "connection_made");
    return NULL;
}

static tw_error *data(tw_protocol *self, int fd, const void *bytes, size_t len)
{
    struct child *c = (struct child *)self;
    char run[32];
    snprintf(run, sizeof run, "pipe_data_received(%d)", fd);
    if (strncmp(c->events[c->nevents - 1], run, strlen(run)) != 0)
        record(c, "%s+", run);             /* a run of calls is shown once */
    if (c->n + len <= sizeof c->out) {
        memcpy(c->out + c->n, bytes, len);
        c->n += len;
    }
    return NULL;
}

static tw_error *pipe_lost(tw_protocol *self, int fd, tw_error *exc)
{
    struct child *c = (struct child *)self;
    record(c, "pipe_connection_lost(%d, %s)", fd, exc ? tw_error_str(exc) : "None");
    if (fd == 1)
        tw_transport_close(tw_subprocess_transport_get_pipe_transport(c->transport, 0));
    return NULL;
}

static tw_error *exited(tw_protocol *self)
{
    struct child *c = (struct child *)self;
    int code = 0;
    tw_subprocess_transport_get_returncode(c->transport, &code);
    record(c, "process_exited, returncode %d", code);
    return NULL;
}

static tw_error *lost(tw_protocol *self, tw_error *exc)
{
    struct child *c = (struct child *)self;
    record(c, "connection_lost(%s)", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(c->done, TW_NONE);
}

static const tw_protocol_class child_protocol = {
    .name = "SubprocessProtocol", .kind = TW_PROTOCOL_SUBPROCESS,
    .connection_made = made, .pipe_data_received = data,
    .pipe_connection_lost = pipe_lost, .process_exited = exited, .connection_lost = lost,
};

struct main_frame { tw_coro co; tw_transport *t; };

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = {
        "/bin/sh", "-c",
        "printf \"hello from the child\"; exec 1>&-; cat >/dev/null; exit 3", NULL,
    };
    static const tw_subprocess_options options = {
        .std_in = TW_PIPE, .std_out = TW_PIPE, .std_err = TW_DEVNULL,
    };
    static struct child c;
    struct main_frame *f = (struct main_frame *)co;
    int code = 0;
    tw_error *err;
    TW_BEGIN(co);
    c.done = tw_future_new(tw_get_running_loop());
    tw_protocol_init(&c.base, &child_protocol);
    err = tw_loop_subprocess_exec(tw_get_running_loop(), &c.base, argv, &options, &f->t);
    if (err)
        TW_RAISE(co, err);
    printf("stderr pipe transport: %s\n",
           tw_subprocess_transport_get_pipe_transport(f->t, 2) ? "a pipe" : "None");
    TW_AWAIT(co, tw_ref(c.done));
    for (int i = 0; i < c.nevents; i++)
        printf("%s\n", c.events[i]);
    printf("stdout: %.*s\n", (int)c.n, c.out);
    tw_subprocess_transport_get_returncode(f->t, &code);
    printf("get_returncode: %d\n", code);
    tw_transport_close(f->t);
    tw_unref(f->t);
    tw_unref(c.done);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
