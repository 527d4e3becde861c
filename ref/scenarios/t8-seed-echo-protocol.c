#line 26 "chapters/tier8-seed.nw"
#include <signal.h>
#include <stdio.h>
#include "tower.h"

struct echo { tw_protocol base; tw_transport *transport; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    char peer[TW_ADDRSTRLEN];
    ((struct echo *)p)->transport = t;
    printf("👋 Connection from %s\n",
           tw_sockaddr_str(tw_transport_get_extra_info(t, "peername", TW_NONE).p, peer));
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    printf("📥 Received: %.*s\n", (int)n, (const char *)data);
    printf("📤 Sending: %.*s\n", (int)n, (const char *)data);
    return tw_transport_write(((struct echo *)p)->transport, data, n);
}

static tw_error *echo_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    (void)exc;
    printf("🔌 Connection closed\n");
    return NULL;
}

static const tw_protocol_class echo_class = {
    .name = "EchoProtocol", .connection_made = echo_made, .data_received = echo_data,
    .connection_lost = echo_lost,
};

static tw_protocol *echo_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&echo_class, sizeof(struct echo));
}

#line 116 "chapters/tier8-seed.nw"
static bool interrupted;

static tw_error *on_sigint(void *task)
{
    if (!interrupted) {
        interrupted = true;
        tw_task_cancel(task, NULL);
    }
    return NULL;
}

#line 69 "chapters/tier8-seed.nw"
struct main_frame { tw_coro co; tw_server *server; tw_error *body_error; };

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->server);
    tw_unref(f->body_error);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char addr[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    tw_loop_add_signal_handler(loop, SIGINT, on_sigint, tw_current_task());
    TW_AWAIT(co, tw_create_server(loop, echo_factory, NULL, "127.0.0.1", 8888, NULL));
    f->server = TW_RESULT(co).p;
    printf("🛑 Serving on %s\n", tw_sockaddr_str(tw_server_sockname(f->server, 0), addr));
    /* async with server: await server.serve_forever() */
    TW_AWAIT_TRY(co, tw_server_serve_forever(f->server));
    f->body_error = TW_TAKE_ERROR(co);
    TW_AWAIT(co, tw_server_exit(f->server));
    if (f->body_error) {
        tw_error *e = f->body_error;
        f->body_error = NULL;
        TW_RAISE(co, e);
    }
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
#line 133 "chapters/tier8-seed.nw"
    if (interrupted && tw_error_is(err, TW_ERR_CANCELLED)) {
        tw_unref(err);
        fputs("Traceback (most recent call last):\n  (C edition)\nKeyboardInterrupt\n", stderr);
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
#line 107 "chapters/tier8-seed.nw"
    return tw_report_uncaught(err);
}
