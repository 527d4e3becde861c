#line 661 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

static tw_future *all_lost;
static int count, open_now;

struct upper { tw_protocol base; int n; tw_transport *transport; char buf[256]; size_t len; };

static tw_error *up_made(tw_protocol *p, tw_transport *t)
{
    struct upper *u = (struct upper *)p;
    count++;
    open_now++;
    u->n = count;
    u->transport = t;
    printf("connection %d made\n", u->n);
    return NULL;
}

static tw_error *up_data(tw_protocol *p, const void *data, size_t n)
{
    struct upper *u = (struct upper *)p;
    char *nl;
    if (u->len + n > sizeof u->buf)
        n = sizeof u->buf - u->len;
    memcpy(u->buf + u->len, data, n);
    u->len += n;
    while ((nl = memchr(u->buf, '\n', u->len)) != NULL) {
        size_t line = (size_t)(nl - u->buf);
        printf("connection %d got: %.*s\n", u->n, (int)line, u->buf);
        for (size_t i = 0; i < line; i++)
            if (u->buf[i] >= 'a' && u->buf[i] <= 'z')
                u->buf[i] = (char)(u->buf[i] - 'a' + 'A');
        tw_transport_write(u->transport, u->buf, line + 1);
        memmove(u->buf, nl + 1, u->len - line - 1);
        u->len -= line + 1;
    }
    return NULL;
}

static tw_error *up_eof(tw_protocol *p, bool *keep_open)
{
    (void)keep_open;
    printf("connection %d eof_received\n", ((struct upper *)p)->n);
    return NULL;
}

static tw_error *up_lost(tw_protocol *p, tw_error *exc)
{
    open_now--;
    printf("connection %d lost (%s)\n", ((struct upper *)p)->n, exc ? tw_error_str(exc) : "None");
    if (count == 2 && open_now == 0)
        return tw_future_set_result(all_lost, TW_NONE);
    return NULL;
}

static const tw_protocol_class upper_class = {
    .name = "Upper", .connection_made = up_made, .data_received = up_data,
    .eof_received = up_eof, .connection_lost = up_lost,
};

static tw_protocol *factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&upper_class, sizeof(struct upper));
}

struct main_frame { tw_coro co; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    all_lost = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, NULL, "127.0.0.1",
                                  atoi(getenv("TOWER_PORT")), NULL));
    f->server = TW_RESULT(co).p;
    printf("Serving on 127.0.0.1\n");
    TW_AWAIT(co, tw_ref(all_lost));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    printf("server closed after %d connections\n", count);
    tw_unref(f->server);
    tw_unref(all_lost);
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
