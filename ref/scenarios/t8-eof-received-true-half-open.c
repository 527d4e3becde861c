#line 562 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

struct summary { tw_protocol base; tw_future *done; tw_transport *transport; char data[256]; size_t n; };

static tw_error *sum_made(tw_protocol *p, tw_transport *t)
{
    ((struct summary *)p)->transport = t;
    printf("connection_made\n");
    return NULL;
}

static tw_error *sum_data(tw_protocol *p, const void *data, size_t n)
{
    struct summary *s = (struct summary *)p;
    if (s->n + n <= sizeof s->data) {
        memcpy(s->data + s->n, data, n);
        s->n += n;
    }
    return NULL;
}

static tw_error *sum_eof(tw_protocol *p, bool *keep_open)
{
    struct summary *s = (struct summary *)p;
    char line[320];
    int len;
    printf("eof_received after %zu bytes\n", s->n);
    len = snprintf(line, sizeof line, "got %zu bytes: %.*s\n", s->n, (int)s->n, s->data);
    tw_transport_write(s->transport, line, (size_t)len);
    tw_transport_close(s->transport);
    printf("is_closing after close: %s\n", tw_bool_str(tw_transport_is_closing(s->transport)));
    *keep_open = true;
    return NULL;
}

static tw_error *sum_lost(tw_protocol *p, tw_error *exc)
{
    printf("connection_lost(%s)\n", exc ? tw_error_str(exc) : "None");
    return tw_future_set_result(((struct summary *)p)->done, TW_NONE);
}

static const tw_protocol_class summary_class = {
    .name = "Summary", .connection_made = sum_made, .data_received = sum_data,
    .eof_received = sum_eof, .connection_lost = sum_lost,
};

static tw_protocol *factory(void *done)
{
    struct summary *s = tw_protocol_new(&summary_class, sizeof *s);
    s->done = done;
    return &s->base;
}

struct main_frame { tw_coro co; tw_future *done; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->done = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, f->done, "127.0.0.1",
                                  atoi(getenv("TOWER_PORT")), NULL));
    f->server = TW_RESULT(co).p;
    printf("Serving on 127.0.0.1\n");
    TW_AWAIT(co, tw_ref(f->done));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    printf("server closed\n");
    tw_unref(f->server);
    tw_unref(f->done);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("TOWER_PORT") == NULL) {
        fprintf(stderr, "TOWER_PORT is not set\n");
        return 2;
    }
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
