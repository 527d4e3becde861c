#line 451 "chapters/tier8-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_future *s_lost, *c_lost, *c_eof;
static char s_log[2][64], c_log[32];
static int ns_log;

struct server { tw_protocol base; tw_transport *transport; };

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    ((struct server *)p)->transport = t;
    return NULL;
}

static tw_error *server_eof(tw_protocol *p, bool *keep_open)
{
    snprintf(s_log[ns_log++], sizeof s_log[0], "server eof_received; is_closing: %s",
             tw_bool_str(tw_transport_is_closing(((struct server *)p)->transport)));
    *keep_open = false;
    return NULL;
}

static tw_error *server_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    snprintf(s_log[ns_log++], sizeof s_log[0], "server connection_lost(%s)",
             exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(s_lost, TW_NONE);
}

static tw_error *client_eof(tw_protocol *p, bool *keep_open)
{
    (void)p;
    snprintf(c_log, sizeof c_log, "client eof_received");
    *keep_open = true;                    /* we close ourselves below */
    return tw_future_set_result(c_eof, TW_NONE);
}

static tw_error *client_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(c_lost, TW_STR(exc ? tw_error_str(exc) : "None"));
}

static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = server_made, .eof_received = server_eof,
    .connection_lost = server_lost,
};
static const tw_protocol_class client_class = {
    .name = "Client", .eof_received = client_eof, .connection_lost = client_lost,
};

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(struct server));
}

struct main_frame { tw_coro co; tw_server *server; tw_transport *t; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    s_lost = tw_future_new(loop);
    c_lost = tw_future_new(loop);
    c_eof = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&server_class, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection(loop, factory, (void *)&client_class, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0))));
    f->t = TW_RESULT(co).p;
    tw_transport_write_eof(f->t);
    TW_AWAIT(co, tw_ref(s_lost));
    TW_AWAIT(co, tw_ref(c_eof));
    for (int i = 0; i < ns_log; i++)
        printf("%s\n", s_log[i]);
    printf("%s\n", c_log);
    tw_transport_close(f->t);
    TW_AWAIT(co, tw_ref(c_lost));
    printf("client connection_lost(%s)\n", TW_RESULT(co).s);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(s_lost);
    tw_unref(c_lost);
    tw_unref(c_eof);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
