#line 1136 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

#line 97 "chapters/tier9-seed.nw"
struct handler {
    tw_coro co;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
    void *arg;
};

static void handler_cleanup(tw_coro *co)
{
    struct handler *h = (struct handler *)co;
    tw_unref(h->writer);
    tw_unref(h->reader);
}

/* the coroutine client_connected_cb(reader, writer) returns, in a frame of size bytes;
   void *, as tw_coro_new, so that a larger frame is assigned without a cast */
static void *handler_new(tw_coro_fn body, size_t size, tw_stream_reader *reader,
                         tw_stream_writer *writer, void *arg)
{
    struct handler *h = tw_coro_new(body, size);
    h->co.cleanup = handler_cleanup;
    h->reader = reader;
    h->writer = writer;
    h->arg = arg;
    return h;
}

#line 1143 "chapters/tier9-examples.nw"
static int served;

struct client_frame { struct handler h; char received[256]; size_t n; };

static tw_step handle_client_body(tw_coro *co)
{
    struct client_frame *f = (struct client_frame *)co;
    tw_stream_writer *writer = f->h.writer;
    char host[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    served++;
    printf("👋 Connection from %s\n",
           tw_sockaddr_host(tw_stream_writer_get_extra_info(writer, "peername", TW_NONE).p, host));
    for (;;) {
        TW_AWAIT(co, tw_stream_reader_read(f->h.reader, 100));   /* any split: echo it */
        {
            tw_bytes *data = TW_RESULT(co).p;
            size_t len = data->len;
            if (f->n + len < sizeof f->received) {
                memcpy(f->received + f->n, data->data, len);
                f->n += len;
            }
            if (len)
                tw_stream_writer_write(writer, data->data, len);
            tw_bytes_free(data);
            if (len == 0)
                break;
        }
        TW_AWAIT(co, tw_stream_writer_drain(writer));
    }
    printf("📥 Received: %.*s\n", (int)f->n, f->received);   /* and report the total */
    printf("📤 Sent: %.*s\n", (int)f->n, f->received);
    printf("🔌 Connection closed\n");
    tw_stream_writer_close(writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(writer));
    tw_event_set(f->h.arg);                         /* done.set() */
    TW_END(co);
}

static tw_coro *handle_client(tw_stream_reader *reader, tw_stream_writer *writer, void *done)
{
    return handler_new(handle_client_body, sizeof(struct client_frame), reader, writer, done);
}

struct main_frame { tw_coro co; tw_event *done; tw_server *server; tw_error *body_error; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    char host[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    f->done = tw_event_new();
    TW_AWAIT(co, tw_start_server(handle_client, f->done, "127.0.0.1", atoi(getenv("TOWER_PORT")),
                                 TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    printf("🛑 Serving on %s\n", tw_sockaddr_host(tw_server_sockname(f->server, 0), host));
    TW_AWAIT_TRY(co, tw_event_wait(f->done));              /* async with server: await done.wait() */
#line 130 "chapters/tier9-seed.nw"
    f->body_error = TW_TAKE_ERROR(co);
    TW_AWAIT(co, tw_server_exit(f->server));
    if (f->body_error) {
        tw_error *e = f->body_error;
        f->body_error = NULL;
        TW_RAISE(co, e);
    }
#line 1201 "chapters/tier9-examples.nw"
    printf("🛑 Server closed after %d connection\n", served);
    tw_unref(f->server);
    tw_unref(f->done);
    TW_END(co);
}

#line 144 "chapters/tier9-seed.nw"
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("TOWER_PORT") == NULL) {
        fprintf(stderr, "TOWER_PORT is not set\n");
        return 2;
    }
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
