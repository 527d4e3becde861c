#line 886 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

static tw_error *sender_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    tw_unref(tw_transport_write(t, "data", 4));
    return tw_transport_write_eof(t);
}

static tw_protocol *sender(void *arg)
{
    static const tw_protocol_class cls = { .name = "Sender", .connection_made = sender_made };
    (void)arg;
    return tw_protocol_new(&cls, sizeof(tw_protocol));
}

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    (void)loop;
    (void)data;
    printf("handler: %s %s(%s)\n", ctx->message, tw_error_type(ctx->error), tw_error_str(ctx->error));
}

struct client { tw_protocol base; tw_future *lost; char buf[16]; };

static tw_error *lost(tw_protocol *p, tw_error *exc)
{
    printf("connection_lost(%s(%s))\n", tw_error_type(exc), tw_error_str(exc));
    return tw_future_set_result(((struct client *)p)->lost, TW_NONE);
}

static void destroy(tw_protocol *p) { tw_unref(((struct client *)p)->lost); }

static tw_error *print_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    printf("data_received(b'%.*s')\n", (int)n, (const char *)data);
    return NULL;
}

static tw_error *refuse_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    return tw_error_new(TW_ERR_VALUE, "eof refused");
}

static tw_error *empty_buffer(tw_protocol *p, long sizehint, void **buf, size_t *len)
{
    (void)sizehint;
    *buf = ((struct client *)p)->buf;
    *len = 0;
    return NULL;
}

static tw_error *whole_buffer(tw_protocol *p, long sizehint, void **buf, size_t *len)
{
    (void)sizehint;
    *buf = ((struct client *)p)->buf;
    *len = sizeof ((struct client *)p)->buf;
    return NULL;
}

static tw_error *not_expected(tw_protocol *p, size_t n)
{
    (void)p;
    (void)n;
    printf("buffer_updated (not expected)\n");
    return NULL;
}

static tw_error *refuse_update(tw_protocol *p, size_t n)
{
    (void)p;
    (void)n;
    return tw_error_new(TW_ERR_VALUE, "update refused");
}

static const tw_protocol_class classes[] = {
    { .name = "EofRaises", .connection_lost = lost, .destroy = destroy,
      .data_received = print_data, .eof_received = refuse_eof },
    { .name = "EmptyBuffer", .kind = TW_PROTOCOL_BUFFERED, .connection_lost = lost,
      .destroy = destroy, .get_buffer = empty_buffer, .buffer_updated = not_expected },
    { .name = "UpdateRaises", .kind = TW_PROTOCOL_BUFFERED, .connection_lost = lost,
      .destroy = destroy, .get_buffer = whole_buffer, .buffer_updated = refuse_update },
};

static tw_protocol *client(void *cls)
{
    struct client *c = tw_protocol_new(cls, sizeof *c);
    c->lost = tw_future_new(tw_get_running_loop());
    return &c->base;
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *t; size_t i; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->t)
        tw_unref(f->t);
    if (f->server)
        tw_unref(f->server);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_loop_set_exception_handler(loop, handler, NULL);
    TW_AWAIT(co, tw_create_server(loop, sender, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    for (f->i = 0; f->i < sizeof classes / sizeof classes[0]; f->i++) {
        printf("%s:\n", classes[f->i].name);
        TW_AWAIT(co, tw_create_connection(loop, client, (void *)&classes[f->i], "127.0.0.1",
                                          tw_sockaddr_port(tw_server_sockname(f->server, 0))));
        f->t = TW_RESULT(co).p;
        TW_AWAIT(co, tw_ref(((struct client *)tw_transport_get_protocol(f->t))->lost));
        printf("closing: %s\n", tw_bool_str(tw_transport_is_closing(f->t)));
        tw_unref(f->t);
        f->t = NULL;
    }
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
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
