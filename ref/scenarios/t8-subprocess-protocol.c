#line 1456 "chapters/tier8-examples.nw"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct child {
    tw_future *done;
    tw_subprocess_transport *transport;
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

static tw_error *made(void *self, tw_subprocess_transport *t)
{
    struct child *c = self;
    c->transport = t;
    record(c, "connection_made");
    return NULL;
}

static tw_error *data(void *self, int fd, const void *bytes, size_t len)
{
    struct child *c = self;
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

static tw_error *pipe_lost(void *self, int fd, tw_error *exc)
{
    struct child *c = self;
    record(c, "pipe_connection_lost(%d, %s)", fd, exc ? tw_error_str(exc) : "None");
    if (fd == 1)
        tw_pipe_transport_close(tw_subprocess_transport_get_pipe_transport(c->transport, 0));
    return NULL;
}

static tw_error *exited(void *self)
{
    struct child *c = self;
    int code = 0;
    tw_subprocess_transport_get_returncode(c->transport, &code);
    record(c, "process_exited, returncode %d", code);
    return NULL;
}

static tw_error *lost(void *self, tw_error *exc)
{
    struct child *c = self;
    record(c, "connection_lost(%s)", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(c->done, TW_NONE);
}

static const tw_subprocess_protocol child_protocol = {
    .connection_made = made, .pipe_data_received = data,
    .pipe_connection_lost = pipe_lost, .process_exited = exited, .connection_lost = lost,
};

struct main_frame { tw_coro co; tw_subprocess_transport *t; };

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
    err = tw_loop_subprocess_exec(tw_get_running_loop(), &child_protocol, &c, argv, &options,
                                  &f->t);
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
    tw_subprocess_transport_close(f->t);
    tw_subprocess_transport_unref(f->t);
    tw_unref(c.done);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
