#line 383 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <sys/socket.h>
#include "tower.h"

static tw_future *accepted;

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    return tw_future_set_result(accepted, TW_PTR(tw_ref(t)));
}

static const tw_protocol_class server_class = { .name = "Server", .connection_made = server_made };
static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(tw_protocol));
}

static const tw_sockaddr *extra(tw_transport *t, const char *name)
{
    return tw_transport_get_extra_info(t, name, TW_NONE).p;
}

static void socket_facts(const char *who, tw_transport *t)
{
    int fd = (int)tw_transport_get_extra_info(t, "socket", TW_NONE).i, family = 0, type = 0;
    socklen_t len = sizeof family;
    tw_sockaddr name = { .len = sizeof name.u };
    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len);
    len = sizeof type;
    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
    getsockname(fd, &name.u.sa, &name.len);
    printf("%s socket: %s %s, same sockname: %s\n", who, family == AF_INET ? "AF_INET" : "other",
           type == SOCK_STREAM ? "SOCK_STREAM" : "other",
           tw_bool_str(tw_sockaddr_equal(&name, extra(t, "sockname"))));
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *client, *srv; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    const tw_sockaddr *listen_addr;
    char host[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    accepted = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&server_class, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, factory, (void *)&plain_class, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->client = TW_RESULT(co).p;
    TW_AWAIT(co, tw_ref(accepted));
    f->srv = TW_RESULT(co).p;
    listen_addr = tw_server_sockname(f->server, 0);
    printf("client peername is the listening address: %s\n",
           tw_bool_str(tw_sockaddr_equal(extra(f->client, "peername"), listen_addr)));
    printf("server sockname is the listening address: %s\n",
           tw_bool_str(tw_sockaddr_equal(extra(f->srv, "sockname"), listen_addr)));
    printf("client sockname is the server's peername: %s\n",
           tw_bool_str(tw_sockaddr_equal(extra(f->client, "sockname"),
                                         extra(f->srv, "peername"))));
    printf("client peername host: %s\n", tw_sockaddr_host(extra(f->client, "peername"), host));
    printf("client sockname host: %s\n", tw_sockaddr_host(extra(f->client, "sockname"), host));
    socket_facts("client", f->client);
    socket_facts("server", f->srv);
    printf("unknown key without default: %s\n",
           tw_transport_get_extra_info(f->client, "no-such-key", TW_NONE).p ? "?" : "None");
    printf("unknown key with default: %s\n",
           tw_transport_get_extra_info(f->client, "no-such-key", TW_STR("fallback")).s);
    tw_transport_close(f->client);
    tw_transport_close(f->srv);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->client);
    tw_unref(f->srv);
    tw_unref(f->server);
    tw_unref(accepted);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
