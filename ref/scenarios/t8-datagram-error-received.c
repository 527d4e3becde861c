#line 1354 "chapters/tier8-examples.nw"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tower.h"

struct client { tw_protocol base; tw_future *error, *lost; };

static tw_error *c_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    printf("connection_made\n");
    return NULL;
}

static tw_error *c_error(tw_protocol *p, tw_error *exc)
{
    struct client *c = (struct client *)p;
    printf("error_received: %s: %s\n", tw_error_type(exc), tw_error_str(exc));
    if (!tw_future_done(c->error))
        return tw_future_set_result(c->error, TW_NONE);
    return NULL;
}

static tw_error *c_lost(tw_protocol *p, tw_error *exc)
{
    printf("connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(((struct client *)p)->lost, TW_NONE);
}

static void c_destroy(tw_protocol *p)
{
    tw_unref(((struct client *)p)->error);
    tw_unref(((struct client *)p)->lost);
}

static const tw_protocol_class client_class = {
    .name = "Client", .kind = TW_PROTOCOL_DATAGRAM, .connection_made = c_made,
    .error_received = c_error, .connection_lost = c_lost, .destroy = c_destroy,
};

static tw_protocol *factory(void *loop)
{
    struct client *c = tw_protocol_new(&client_class, sizeof *c);
    c->error = tw_future_new(loop);
    c->lost = tw_future_new(loop);
    return &c->base;
}

/* A port of 127.0.0.1 where nothing listens: bound, then closed. */
static int closed_port(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0
        || getsockname(fd, (struct sockaddr *)&a, &len) < 0)
        perror("closed_port");
    if (fd >= 0)
        close(fd);
    return ntohs(a.sin_port);
}

struct main_frame { tw_coro co; tw_transport *t; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->t)
        tw_unref(f->t);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_sockaddr elsewhere = { .len = sizeof(struct sockaddr_in) };
    struct client *c;
    tw_error *e;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, loop,
        &(tw_datagram_options){ .remote_host = "127.0.0.1", .remote_port = closed_port() }));
    f->t = TW_RESULT(co).p;
    elsewhere.u.in4.sin_family = AF_INET;
    elsewhere.u.in4.sin_port = htons(9);
    elsewhere.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((e = tw_transport_sendto(f->t, "elsewhere", 9, &elsewhere)) != NULL)
        printf("sendto another address: %s: %s\n", tw_error_type(e), tw_error_str(e));
    tw_unref(e);
    tw_unref(tw_transport_sendto(f->t, "anyone there?", 13, NULL));
    c = (struct client *)tw_transport_get_protocol(f->t);
    TW_AWAIT(co, tw_ref(c->error));
    printf("still open after the error: %s\n", tw_bool_str(!tw_transport_is_closing(f->t)));
    tw_transport_close(f->t);
    c = (struct client *)tw_transport_get_protocol(f->t);
    TW_AWAIT(co, tw_ref(c->lost));
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
