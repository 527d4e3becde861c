#line 126 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <string.h>
#include "tower.h"

struct recorder {
    tw_protocol base;
    tw_future *done;
    tw_transport *transport;
    char events[256], data[64];
    size_t n;
};

static void record(struct recorder *r, const char *event)
{
    const char *last = strrchr(r->events, ' ');
    last = last ? last + 1 : r->events;
    if (strcmp(event, "data_received+") == 0 && strcmp(last, event) == 0)
        return;                           /* a run of calls is shown once */
    if (r->events[0])
        strcat(r->events, " ");
    strcat(r->events, event);
}

static tw_error *rec_made(tw_protocol *p, tw_transport *t)
{
    record((struct recorder *)p, "connection_made");
    ((struct recorder *)p)->transport = t;
    return NULL;
}

static tw_error *rec_data(tw_protocol *p, const void *data, size_t n)
{
    struct recorder *r = (struct recorder *)p;
    record(r, "data_received+");
    if (r->n + n <= sizeof r->data) {
        memcpy(r->data + r->n, data, n);
        r->n += n;
    }
    return NULL;
}

static tw_error *rec_eof(tw_protocol *p, bool *keep_open)
{
    (void)keep_open;
    record((struct recorder *)p, "eof_received");
    return NULL;
}

static tw_error *rec_lost(tw_protocol *p, tw_error *exc)
{
    record((struct recorder *)p, "connection_lost");
    return tw_future_set_result(((struct recorder *)p)->done,
                                TW_STR(exc ? tw_error_str(exc) : "None"));
}

static tw_error *server_data(tw_protocol *p, const void *data, size_t n)
{
    struct recorder *r = (struct recorder *)p;
    rec_data(p, data, n);
    if (r->n && r->data[r->n - 1] == '.') {
        char upper[64];
        for (size_t i = 0; i < r->n; i++)
            upper[i] = (char)(r->data[i] >= 'a' && r->data[i] <= 'z' ? r->data[i] - 'a' + 'A'
                                                                    : r->data[i]);
        tw_transport_write(r->transport, upper, r->n);
        tw_transport_close(r->transport);
    }
    return NULL;
}

static const tw_protocol_class recorder_class = {
    .name = "Recorder", .connection_made = rec_made, .data_received = rec_data,
    .eof_received = rec_eof, .connection_lost = rec_lost,
};
static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = rec_made, .data_received = server_data,
    .eof_received = rec_eof, .connection_lost = rec_lost,
};

static struct recorder *servers[4];
static int nservers;
static tw_future *s_done, *c_done;

static tw_protocol *server_factory(void *arg)
{
    struct recorder *r = tw_protocol_new(&server_class, sizeof *r);
    (void)arg;
    r->done = s_done;
    servers[nservers++] = (struct recorder *)tw_ref(&r->base);
    return &r->base;
}

static tw_protocol *client_factory(void *arg)
{
    struct recorder *r = tw_protocol_new(&recorder_class, sizeof *r);
    (void)arg;
    r->done = c_done;
    return &r->base;
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *t; const char *c_exc, *s_exc; };

static tw_step main_body(tw_coro *co)
{
    static const char *const pieces[] = { "one ", "two ", "three." };
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct recorder *client;
    TW_BEGIN(co);
    s_done = tw_future_new(loop);
    c_done = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, server_factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, client_factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    client = (struct recorder *)tw_transport_get_protocol(f->t);
    printf("create_connection returned after connection_made: %s\n",
           tw_bool_str(strcmp(client->events, "connection_made") == 0));
    printf("the transport given to connection_made is the one returned: %s\n",
           tw_bool_str(client->transport == f->t));
    for (int i = 0; i < 3; i++)
        tw_transport_write(f->t, pieces[i], strlen(pieces[i]));
    TW_AWAIT(co, tw_ref(c_done));
    f->c_exc = TW_RESULT(co).s;
    TW_AWAIT(co, tw_ref(s_done));
    f->s_exc = TW_RESULT(co).s;
    TW_AWAIT(co, tw_sleep(0.01));
    client = (struct recorder *)tw_transport_get_protocol(f->t);
    printf("client: %s; received %.*s; connection_lost(%s)\n", client->events, (int)client->n,
           client->data, f->c_exc);
    printf("server: %s; connection_lost(%s)\n", servers[0]->events, f->s_exc);
    printf("protocols created by the server: %d\n", nservers);
    tw_transport_close(f->t);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->t);
    tw_unref(f->server);
    for (int i = 0; i < nservers; i++)
        tw_unref(&servers[i]->base);
    tw_unref(s_done);
    tw_unref(c_done);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
