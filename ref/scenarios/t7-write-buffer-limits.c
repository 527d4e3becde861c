#line 484 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

static void show(tw_transport *t, const char *label)
{
    size_t low, high;
    tw_transport_get_write_buffer_limits(t, &low, &high);
    printf("%s: low=%zu high=%zu\n", label, low, high);
}

struct main_frame { tw_coro co; int sv[2]; tw_transport *t; };

static tw_step main_body(tw_coro *co)
{
    static const struct { const char *args; long high, low; } rejected[] = {
        { "high=10 low=20", 10, 20 },
        { "high=-1", -1, TW_LIMIT_DEFAULT },
        { "high=10 low=-1", 10, -1 },
    };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, plain_factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    show(f->t, "defaults");
    tw_transport_set_write_buffer_limits(f->t, 1000, TW_LIMIT_DEFAULT);
    show(f->t, "high=1000");
    tw_transport_set_write_buffer_limits(f->t, 1000, 10);
    show(f->t, "high=1000 low=10");
    tw_transport_set_write_buffer_limits(f->t, TW_LIMIT_DEFAULT, 100);
    show(f->t, "low=100");
    tw_transport_set_write_buffer_limits(f->t, 0, TW_LIMIT_DEFAULT);
    show(f->t, "high=0");
    tw_transport_set_write_buffer_limits(f->t, TW_LIMIT_DEFAULT, TW_LIMIT_DEFAULT);
    show(f->t, "no arguments");
    for (int i = 0; i < 3; i++) {
        tw_error *err = tw_transport_set_write_buffer_limits(f->t, rejected[i].high, rejected[i].low);
        printf("%s: %s\n", rejected[i].args, tw_error_is(err, TW_ERR_VALUE) ? "ValueError" : "accepted");
        tw_unref(err);
    }
    show(f->t, "after the rejected calls");
    tw_transport_close(f->t);
    close(f->sv[1]);
    TW_AWAIT(co, tw_sleep(0));
    tw_unref(f->t);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
