#line 3388 "chapters/tier7-examples.nw"
#include <signal.h>
#include <stdio.h>
#include "tower.h"

struct named {
    tw_protocol base;
    const char *name;
    tw_future *lost;
};

static tw_error *exited(tw_protocol *self)
{
    printf("%s: process_exited\n", ((struct named *)self)->name);
    return NULL;
}

static tw_error *lost(tw_protocol *self, tw_error *exc)
{
    struct named *p = (struct named *)self;
    printf("%s: connection_lost(%s)\n", p->name, exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(p->lost, TW_NONE);
}

static const tw_protocol_class named_class = {
    .name = "SubprocessProtocol", .kind = TW_PROTOCOL_SUBPROCESS,
    .process_exited = exited, .connection_lost = lost,
};

static struct named *named(const char *name, tw_future *lost_future)
{
    struct named *p = tw_protocol_new(&named_class, sizeof *p);
    p->name = name;
    p->lost = lost_future;
    return p;
}

static const char *refusal(tw_error *err)
{
    const char *verdict = tw_error_is(err, TW_ERR_PROCESS_LOOKUP) ? "ProcessLookupError"
                        : err ? tw_error_type(err) : "no error";
    tw_unref(err);
    return verdict;
}

struct main_frame {
    tw_coro co;
    tw_future *lost;
    struct named *first, *second;
    tw_transport *t;
};

static tw_step main_body(tw_coro *co)
{
    static const char *const argv[] = { "sleep", "30", NULL };
    static const tw_subprocess_options options = {
        .std_in = TW_DEVNULL, .std_out = TW_DEVNULL, .std_err = TW_DEVNULL,
    };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    int code = 0;
    TW_BEGIN(co);
    f->lost = tw_future_new(loop);
    f->first = named("first", f->lost);
    err = tw_loop_subprocess_exec(loop, &f->first->base, argv, &options, &f->t);
    if (err)
        TW_RAISE(co, err);
    printf("get_protocol() is the protocol: %s\n",
           tw_bool_str(tw_transport_get_protocol(f->t) == &f->first->base));
    printf("is_closing(): %s\n", tw_bool_str(tw_transport_is_closing(f->t)));
    printf("get_returncode() while it runs: %s\n",
           tw_subprocess_transport_get_returncode(f->t, &code) ? "a code" : "None");
    printf("get_pipe_transport(0, 1, 2) without pipes: [");
    for (int fd = 0; fd < 3; fd++)
        printf("%s%s", fd ? ", " : "",
               tw_subprocess_transport_get_pipe_transport(f->t, fd) ? "a pipe" : "None");
    printf("]\n");

    f->second = named("second", f->lost);
    tw_transport_set_protocol(f->t, tw_ref(&f->second->base));
    printf("after set_protocol, get_protocol() is the new one: %s\n",
           tw_bool_str(tw_transport_get_protocol(f->t) == &f->second->base));
    err = tw_subprocess_transport_send_signal(f->t, SIGTERM);
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(f->lost));
    tw_subprocess_transport_get_returncode(f->t, &code);
    printf("get_returncode() after SIGTERM: %d\n", code);

    printf("send_signal() after the exit: %s\n",
           refusal(tw_subprocess_transport_send_signal(f->t, SIGTERM)));
    printf("terminate() after the exit: %s\n", refusal(tw_subprocess_transport_terminate(f->t)));
    printf("kill() after the exit: %s\n", refusal(tw_subprocess_transport_kill(f->t)));
    tw_transport_close(f->t);
    printf("is_closing() after close(): %s\n", tw_bool_str(tw_transport_is_closing(f->t)));
    tw_unref(f->t);
    tw_unref(&f->first->base);
    tw_unref(&f->second->base);
    tw_unref(f->lost);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
