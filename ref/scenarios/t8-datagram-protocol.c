#line 1231 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct endpoint { tw_protocol base; tw_transport *transport; char events[256]; };

static void event(struct endpoint *e, const char *fmt, const char *arg)
{
    size_t len = strlen(e->events);
    if (len)
        len += (size_t)snprintf(e->events + len, sizeof e->events - len, "; ");
    snprintf(e->events + len, sizeof e->events - len, fmt, arg);
}

static tw_error *ep_made(tw_protocol *p, tw_transport *t)
{
    ((struct endpoint *)p)->transport = t;
    event((struct endpoint *)p, "connection_made%s", "");
    return NULL;
}

static tw_error *ep_lost(tw_protocol *p, tw_error *exc)
{
    event((struct endpoint *)p, "connection_lost(%s)", exc ? tw_error_str(exc) : "None");
    return NULL;
}

static tw_error *echo_datagram(tw_protocol *p, const void *data, size_t n, const tw_sockaddr *addr)
{
    char word[32], reversed[32];
    n = n < sizeof word - 1 ? n : sizeof word - 1;
    memcpy(word, data, n);
    word[n] = '\0';
    for (size_t i = 0; i < n; i++)
        reversed[i] = word[n - 1 - i];
    event((struct endpoint *)p, "datagram_received %s", word);
    return tw_transport_sendto(((struct endpoint *)p)->transport, reversed, n, addr);
}

static tw_future *inbox;
static char reply[32];

static tw_error *client_datagram(tw_protocol *p, const void *data, size_t n,
                                 const tw_sockaddr *addr)
{
    (void)addr;
    n = n < sizeof reply - 1 ? n : sizeof reply - 1;
    memcpy(reply, data, n);
    reply[n] = '\0';
    event((struct endpoint *)p, "datagram_received %s", reply);
    return tw_future_set_result(inbox, TW_STR(reply));
}

static const tw_protocol_class echo_class = {
    .name = "Echo", .kind = TW_PROTOCOL_DATAGRAM, .connection_made = ep_made,
    .datagram_received = echo_datagram, .connection_lost = ep_lost,
};
static const tw_protocol_class client_class = {
    .name = "Client", .kind = TW_PROTOCOL_DATAGRAM, .connection_made = ep_made,
    .datagram_received = client_datagram, .connection_lost = ep_lost,
};

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(struct endpoint));
}

struct main_frame { tw_coro co; tw_transport *s_tr, *c_tr; int i; };

static tw_step main_body(tw_coro *co)
{
    static const char *const words[] = { "alpha", "beta", "gamma" };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char host[TW_ADDRSTRLEN];
    const tw_sockaddr *addr;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&echo_class,
        &(tw_datagram_options){ .local_host = "127.0.0.1" }));
    f->s_tr = TW_RESULT(co).p;
    addr = tw_transport_get_extra_info(f->s_tr, "sockname", TW_NONE).p;
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&client_class,
        &(tw_datagram_options){ .remote_host = tw_sockaddr_host(addr, host),
                                .remote_port = tw_sockaddr_port(addr) }));
    f->c_tr = TW_RESULT(co).p;
    for (f->i = 0; f->i < 3; f->i++) {
        inbox = tw_future_new(loop);
        tw_transport_sendto(f->c_tr, words[f->i], strlen(words[f->i]), NULL);
        TW_AWAIT(co, inbox);
        printf("sent %s, got back %s\n", words[f->i], TW_RESULT(co).s);
    }
    tw_transport_close(f->c_tr);
    tw_transport_close(f->s_tr);
    TW_AWAIT(co, tw_sleep(0.01));
    printf("server: %s\n", ((struct endpoint *)tw_transport_get_protocol(f->s_tr))->events);
    printf("client: %s\n", ((struct endpoint *)tw_transport_get_protocol(f->c_tr))->events);
    tw_unref(f->s_tr);
    tw_unref(f->c_tr);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
