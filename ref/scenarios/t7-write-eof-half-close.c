#line 123 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static tw_future *lost;
static char events[128], received[64];
static size_t nreceived;

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    if (nreceived == 0)
        strcat(events, " data_received");
    if (nreceived + n <= sizeof received) {
        memcpy(received + nreceived, data, n);
        nreceived += n;
    }
    return NULL;
}

static tw_error *client_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    (void)keep_open;
    strcat(events, " eof_received");
    return NULL;
}

static tw_error *client_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    (void)exc;
    strcat(events, " connection_lost");
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class client_class = {
    .name = "Client", .data_received = client_data, .eof_received = client_eof,
    .connection_lost = client_lost,
};

static tw_protocol *client_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&client_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; int sv[2]; tw_transport *t; char request[64]; size_t n; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    lost = tw_future_new(loop);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, client_factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    printf("can_write_eof: %s\n", tw_bool_str(tw_transport_can_write_eof(f->t)));
    tw_transport_write(f->t, "request", 7);
    tw_transport_write_eof(f->t);
    for (;;) {
        TW_AWAIT(co, tw_sock_recv(loop, f->sv[1], f->request + f->n, sizeof f->request - f->n));
        if (TW_RESULT(co).i == 0)
            break;
        f->n += (size_t)TW_RESULT(co).i;
    }
    printf("peer read until EOF: %.*s\n", (int)f->n, f->request);
    TW_AWAIT(co, tw_sock_sendall(loop, f->sv[1], "response after our EOF", 22));
    close(f->sv[1]);
    TW_AWAIT(co, tw_ref(lost));
    printf("we still received: %.*s\n", (int)nreceived, received);
    printf("callbacks:%s\n", events);
    tw_unref(f->t);
    tw_unref(lost);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
