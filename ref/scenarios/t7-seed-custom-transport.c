#line 26 "chapters/tier7-seed.nw"
#include <stdio.h>
#include "tower.h"

static tw_error *my_write(tw_transport *t, const void *data, size_t n)
{
    (void)t;
    printf("🚀 Writing data: %.*s\n", (int)n, (const char *)data);
    return NULL;
}

static void my_close(tw_transport *t)
{
    (void)t;
    printf("🔒 Transport closed\n");
}

static const tw_transport_class my_transport_class = {
    .name = "MyTransport", .kinds = TW_TRANSPORT_STREAM, .write = my_write, .close = my_close,
};

static tw_transport transport;

static tw_error *write_hello(void *t)
{
    return tw_transport_write(t, "Hello, Transport!", 17);
}

static tw_error *close_it(void *t)
{
    tw_transport_close(t);
    return NULL;
}

static tw_step protocol_handler(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_transport_init(&transport, &my_transport_class, loop, NULL);
    tw_call_soon(loop, write_hello, &transport, NULL);
    tw_call_soon(loop, close_it, &transport, NULL);
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_AWAIT(co, tw_coro_call(protocol_handler));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
