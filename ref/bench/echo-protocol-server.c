#line 1674 "chapters/measuring.nw"
/* echo-protocol-server.c -- the TCP echo benchmark's server on Tower's protocols */
#include "echo-server.h"

struct echo { tw_protocol base; tw_transport *transport; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    ((struct echo *)p)->transport = t;
    echo_connection_made();
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    return tw_transport_write(((struct echo *)p)->transport, data, n);
}

static const tw_protocol_class echo_class = {
    .name = "EchoProtocol", .connection_made = echo_made, .data_received = echo_data,
};

static tw_protocol *echo_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&echo_class, sizeof(struct echo));
}

static tw_coro *start_echo_server(tw_loop *loop, int port, const tw_server_options *options)
{
    return tw_create_server(loop, echo_factory, NULL, "127.0.0.1", port, options);
}

int main(int argc, char **argv)
{
    return serve_echo(argc, argv, start_echo_server);
}
