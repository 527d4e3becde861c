#line 289 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

enum { SIZE = 300000, BUFSIZE = 4096 };

struct buffered {
    tw_protocol base;
    tw_future *done;
    char buf[BUFSIZE];
    char *received;
    size_t n;
    char events[128];
    bool bad_nbytes;
};

static void event(struct buffered *b, const char *name)
{
    size_t len = strlen(b->events), k = strlen(name);
    if (len >= k && strcmp(b->events + len - k, name) == 0)
        return;
    if (len)
        strcat(b->events, " ");
    strcat(b->events, name);
}

static tw_error *b_made(tw_protocol *p, tw_transport *t)
{
    (void)t;
    event((struct buffered *)p, "connection_made");
    return NULL;
}

static tw_error *b_get_buffer(tw_protocol *p, long sizehint, void **buf, size_t *len)
{
    struct buffered *b = (struct buffered *)p;
    (void)sizehint;
    event(b, "get_buffer/buffer_updated+");
    *buf = b->buf;
    *len = BUFSIZE;
    return NULL;
}

static tw_error *b_updated(tw_protocol *p, size_t nbytes)
{
    struct buffered *b = (struct buffered *)p;
    if (!(0 < nbytes && nbytes <= BUFSIZE))
        b->bad_nbytes = true;
    if (b->n + nbytes <= SIZE)
        memcpy(b->received + b->n, b->buf, nbytes);
    b->n += nbytes;
    return NULL;
}

static tw_error *b_eof(tw_protocol *p, bool *keep_open)
{
    (void)keep_open;
    event((struct buffered *)p, "eof_received");
    return NULL;
}

static tw_error *b_lost(tw_protocol *p, tw_error *exc)
{
    event((struct buffered *)p, "connection_lost");
    return tw_future_set_result(((struct buffered *)p)->done,
                                TW_STR(exc ? tw_error_str(exc) : "None"));
}

static void b_destroy(tw_protocol *p)
{
    free(((struct buffered *)p)->received);
}

static const tw_protocol_class buffered_class = {
    .name = "Buffered", .kind = TW_PROTOCOL_BUFFERED, .connection_made = b_made,
    .get_buffer = b_get_buffer, .buffer_updated = b_updated, .eof_received = b_eof,
    .connection_lost = b_lost, .destroy = b_destroy,
};

static struct buffered *protos[4];
static int nprotos;

static tw_protocol *factory(void *done)
{
    struct buffered *b = tw_protocol_new(&buffered_class, sizeof *b);
    b->done = done;
    b->received = malloc(SIZE);
    protos[nprotos++] = (struct buffered *)tw_ref(&b->base);
    return &b->base;
}

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; tw_future *done; tw_server *server; tw_transport *t; char *payload; };

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->payload);
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(f->done);
    for (int i = 0; i < nprotos; i++)
        tw_unref(&protos[i]->base);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct buffered *p;
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    f->done = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, f->done, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    f->payload = malloc(SIZE);
    for (int i = 0; i < SIZE; i++)
        f->payload[i] = (char)((i * 7) % 256);
    TW_AWAIT(co, tw_create_connection(loop, plain_factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    tw_transport_write(f->t, f->payload, SIZE);
    tw_transport_write_eof(f->t);
    TW_AWAIT(co, tw_ref(f->done));
    p = protos[0];
    printf("server received %zu bytes, intact: %s\n", p->n,
           tw_bool_str(p->n == SIZE && memcmp(p->received, f->payload, SIZE) == 0));
    printf("every nbytes within the buffer: %s\n", p->bad_nbytes ? "False" : "True");
    printf("callbacks: %s\n", p->events);
    printf("connection_lost(%s)\n", TW_RESULT(co).s);
    tw_transport_close(f->t);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
