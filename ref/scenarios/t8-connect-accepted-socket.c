#line 2593 "chapters/tier8-examples.nw"
#include <arpa/inet.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

struct named {
    tw_protocol base;
    const char *name;
    tw_future *got, *lost;
};

static tw_error *named_made(tw_protocol *p, tw_transport *t)
{
    (void)t;
    printf("%s: connection_made\n", ((struct named *)p)->name);
    return NULL;
}

static tw_error *named_data(tw_protocol *p, const void *data, size_t n)
{
    struct named *self = (struct named *)p;
    printf("%s: data_received b'%.*s'\n", self->name, (int)n, (const char *)data);
    tw_future_set_result(self->got, TW_NONE);
    return NULL;
}

static tw_error *named_eof(tw_protocol *p, bool *keep_open)
{
    *keep_open = false;
    printf("%s: eof_received\n", ((struct named *)p)->name);
    return NULL;
}

static tw_error *named_lost(tw_protocol *p, tw_error *exc)
{
    struct named *self = (struct named *)p;
    printf("%s: connection_lost %s\n", self->name, exc ? tw_error_str(exc) : "None");
    tw_future_set_result(self->lost, TW_NONE);
    return NULL;
}

static void named_destroy(tw_protocol *p)
{
    struct named *self = (struct named *)p;
    tw_unref(self->got);
    tw_unref(self->lost);
}

static const tw_protocol_class named_class = {
    .name = "Named", .connection_made = named_made, .data_received = named_data,
    .eof_received = named_eof, .connection_lost = named_lost, .destroy = named_destroy,
};

static struct named *last_made;          /* what the factory made last */

static tw_protocol *named_factory(void *name)
{
    struct named *p = last_made = tw_protocol_new(&named_class, sizeof *p);
    p->name = name;
    p->got = tw_future_new(tw_get_running_loop());
    p->lost = tw_future_new(tw_get_running_loop());
    return &p->base;
}

struct main_frame {
    tw_coro co;
    int client, udp;
    tw_transport *transport;
    struct named *first, *second;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        tw_sockaddr a = { .len = sizeof a.u.in4 };
        int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), conn;
        a.u.in4.sin_family = AF_INET;
        a.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener, &a.u.sa, a.len);
        listen(listener, 1);
        a.len = sizeof a.u;
        getsockname(listener, &a.u.sa, &a.len);
        f->client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        connect(f->client, &a.u.sa, a.len);
        conn = accept4(listener, NULL, NULL, SOCK_CLOEXEC);   /* accepted without the loop */
        close(listener);
        TW_AWAIT(co, tw_connect_accepted_socket(loop, named_factory, "first", conn));
    }
    f->transport = TW_RESULT(co).p;
    f->first = (struct named *)tw_ref(&last_made->base);
    printf("get_protocol() is the first protocol: %s\n",
           tw_bool_str(tw_transport_get_protocol(f->transport) == &f->first->base));
    send(f->client, "one", 3, 0);
    TW_AWAIT(co, tw_ref(f->first->got));

    f->second = (struct named *)named_factory("second");
    tw_transport_set_protocol(f->transport, tw_ref(&f->second->base));
    printf("after set_protocol, get_protocol() is the second: %s\n",
           tw_bool_str(tw_transport_get_protocol(f->transport) == &f->second->base));
    send(f->client, "two", 3, 0);
    TW_AWAIT(co, tw_ref(f->second->got));
    shutdown(f->client, SHUT_WR);
    TW_AWAIT(co, tw_ref(f->second->lost));
    printf("the first protocol saw no more: %s\n", tw_bool_str(!tw_future_done(f->first->lost)));
    close(f->client);
    tw_unref(&f->first->base);
    tw_unref(&f->second->base);
    tw_unref(f->transport);

    f->udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    TW_AWAIT_TRY(co, tw_connect_accepted_socket(loop, named_factory, "udp", f->udp));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        puts("a datagram socket: ValueError");
    close(f->udp);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
