#line 1394 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct message { const char *name; char data[512]; size_t n; tw_sockaddr addr; };

static struct message inbox[4];
static size_t ninbox;
static tw_future *waiting;
static char lost[2][32];

static void put(const char *name, const void *data, size_t n, const tw_sockaddr *addr)
{
    struct message *m = &inbox[ninbox++];
    m->name = name;
    m->n = n < sizeof m->data ? n : sizeof m->data;
    memcpy(m->data, data, m->n);
    m->addr = *addr;
    if (waiting && !tw_future_done(waiting))
        tw_future_set_result(waiting, TW_NONE);
}

static tw_future *get(tw_loop *loop)
{
    tw_unref(waiting);
    waiting = tw_future_new(loop);
    if (ninbox)
        tw_future_set_result(waiting, TW_NONE);
    return tw_ref(waiting);
}

static struct message take(void)
{
    struct message m = inbox[0];
    memmove(inbox, inbox + 1, --ninbox * sizeof inbox[0]);
    return m;
}

struct endpoint { tw_protocol base; const char *name; };

static tw_error *endpoint_datagram(tw_protocol *p, const void *data, size_t n,
                                   const tw_sockaddr *addr)
{
    put(((struct endpoint *)p)->name, data, n, addr);
    return NULL;
}

static tw_error *endpoint_lost(tw_protocol *p, tw_error *exc)
{
    const char *name = ((struct endpoint *)p)->name;
    snprintf(lost[strcmp(name, "client") == 0 ? 0 : 1], sizeof lost[0], "%s %s", name,
             exc ? tw_error_str(exc) : "None");
    return NULL;
}

static const tw_protocol_class endpoint_class = {
    .name = "Endpoint", .kind = TW_PROTOCOL_DATAGRAM, .datagram_received = endpoint_datagram,
    .connection_lost = endpoint_lost,
};

static tw_protocol *endpoint_factory(void *name)
{
    struct endpoint *e = tw_protocol_new(&endpoint_class, sizeof *e);
    e->name = name;
    return &e->base;
}

struct main_frame {
    tw_coro co;
    tw_transport *srv, *cli;
    tw_sockaddr srv_addr, cli_addr;
    int i;
    struct message m;
};

static const struct { const char *data; size_t n; } messages[3] = {
    { "one", 3 },
    { "twotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwo"
      "twotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwo"
      "twotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwotwo"
      "twotwotwotwotwotwotwotwotwotwo", 300 },
    { "three", 5 },
};

static void show(const struct message *m, const char *from, const tw_sockaddr *expect)
{
    printf("%s got %zu bytes starting %.5s from the %s: %s\n", m->name, m->n, m->data, from,
           tw_bool_str(tw_sockaddr_equal(&m->addr, expect)));
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char host[TW_ADDRSTRLEN], buf[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, endpoint_factory, "server",
        &(tw_datagram_options){ .local_host = "127.0.0.1", .local_port = 0 }));
    f->srv = TW_RESULT(co).p;
    f->srv_addr = *(const tw_sockaddr *)tw_transport_get_extra_info(f->srv, "sockname", TW_NONE).p;
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, endpoint_factory, "client",
        &(tw_datagram_options){ .remote_host = tw_sockaddr_host(&f->srv_addr, host),
                                .remote_port = tw_sockaddr_port(&f->srv_addr) }));
    f->cli = TW_RESULT(co).p;
    f->cli_addr = *(const tw_sockaddr *)tw_transport_get_extra_info(f->cli, "sockname", TW_NONE).p;
    printf("client peername is the server address: %s\n",
           tw_bool_str(tw_sockaddr_equal(
               tw_transport_get_extra_info(f->cli, "peername", TW_NONE).p,
               &f->srv_addr)));
    printf("unconnected server peername: %s\n",
           tw_sockaddr_str(tw_transport_get_extra_info(f->srv, "peername", TW_NONE).p, buf));
    for (f->i = 0; f->i < 3; f->i++) {
        tw_transport_sendto(f->cli, messages[f->i].data, messages[f->i].n, NULL);
        TW_AWAIT(co, get(loop));
        f->m = take();
        show(&f->m, "client", &f->cli_addr);
        for (size_t k = 0; k < f->m.n; k++)
            f->m.data[k] = (char)(f->m.data[k] >= 'a' && f->m.data[k] <= 'z'
                                  ? f->m.data[k] - 'a' + 'A' : f->m.data[k]);
        tw_transport_sendto(f->srv, f->m.data, f->m.n, &f->m.addr);
        TW_AWAIT(co, get(loop));
        f->m = take();
        show(&f->m, "server", &f->srv_addr);
    }
    tw_transport_close(f->cli);
    tw_transport_close(f->srv);
    printf("is_closing after close: %s %s\n",
           tw_bool_str(tw_transport_is_closing(f->cli)),
           tw_bool_str(tw_transport_is_closing(f->srv)));
    TW_AWAIT(co, tw_sleep(0.01));
    printf("connection_lost: %s, %s\n", lost[0], lost[1]);
    tw_unref(f->cli);
    tw_unref(f->srv);
    tw_unref(waiting);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
