#line 1653 "chapters/tier7-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static const struct { const char *name; tw_transport_kind kind; } classes[] = {
    { "BaseTransport", TW_TRANSPORT_BASE }, { "ReadTransport", TW_TRANSPORT_READ },
    { "WriteTransport", TW_TRANSPORT_WRITE }, { "Transport", TW_TRANSPORT_STREAM },
    { "SubprocessTransport", TW_TRANSPORT_SUBPROCESS },
};

static void kinds(const char *what, const tw_transport *t, const char *const *names)
{
    printf("%s: ", what);
    for (const char *const *n = names; *n; n++)
        for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
            if (strcmp(classes[i].name, *n) == 0)
                printf("%s%s %s", n == names ? "" : ", ", *n,
                       tw_bool_str(tw_transport_is(t, classes[i].kind)));
    printf("\n");
}

static const tw_protocol_class base_protocol = { .name = "Protocol" };

static tw_protocol *factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&base_protocol, sizeof(tw_protocol));
}

static struct child { tw_protocol base; tw_future *exited; } child;  /* outlives the loop */

static tw_error *exited(tw_protocol *p)
{
    return tw_future_set_result(((struct child *)p)->exited, TW_NONE);
}

static const tw_protocol_class child_protocol = {
    .name = "SubprocessProtocol", .kind = TW_PROTOCOL_SUBPROCESS, .process_exited = exited,
};

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *t, *rpipe, *wpipe;
    int fds[2];
};

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "/bin/true", NULL };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_server(loop, factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    kinds("TCP connection", f->t, (const char *const[]){ "BaseTransport", "ReadTransport",
                                                         "WriteTransport", "Transport", NULL });
    tw_transport_close(f->t);
    tw_unref(f->t);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->fds) < 0)
        TW_RAISE(co, tw_error_os(errno, NULL));
    TW_AWAIT(co, tw_create_unix_connection(loop, factory, NULL, NULL, f->fds[0]));
    f->t = TW_RESULT(co).p;
    kinds("Unix connection", f->t, (const char *const[]){ "Transport", NULL });
    tw_transport_close(f->t);
    tw_unref(f->t);
    close(f->fds[1]);

    if (pipe(f->fds) < 0)
        TW_RAISE(co, tw_error_os(errno, NULL));
    TW_AWAIT(co, tw_connect_read_pipe(loop, factory, NULL, f->fds[0]));
    f->rpipe = TW_RESULT(co).p;
    TW_AWAIT(co, tw_connect_write_pipe(loop, factory, NULL, f->fds[1]));
    f->wpipe = TW_RESULT(co).p;
    kinds("read pipe", f->rpipe, (const char *const[]){ "BaseTransport", "ReadTransport", NULL });
    kinds("write pipe", f->wpipe, (const char *const[]){ "BaseTransport", "WriteTransport", NULL });
    tw_transport_close(f->wpipe);
    tw_transport_close(f->rpipe);
    tw_unref(f->wpipe);
    tw_unref(f->rpipe);

    child.exited = tw_future_new(loop);
    tw_protocol_init(&child.base, &child_protocol);
    err = tw_loop_subprocess_exec(loop, &child.base, argv, NULL, &f->t);
    if (err)
        TW_RAISE(co, err);
    kinds("subprocess", f->t, (const char *const[]){ "BaseTransport", "SubprocessTransport",
                                                     NULL });
    TW_AWAIT(co, tw_ref(child.exited));
    tw_transport_close(f->t);
    TW_AWAIT(co, tw_sleep(0.01));
    tw_unref(f->t);
    tw_unref(child.exited);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
