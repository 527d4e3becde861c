#line 171 "chapters/tier9-seed.nw"
#include <signal.h>
#include <stdio.h>
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

#line 177 "chapters/tier9-seed.nw"
struct client_frame { struct handler h; tw_bytes *data; };

static void client_cleanup(tw_coro *co)
{
    tw_bytes_free(((struct client_frame *)co)->data);
    handler_cleanup(co);
}

static tw_step handle_client_body(tw_coro *co)
{
    struct client_frame *f = (struct client_frame *)co;
    tw_stream_writer *writer = f->h.writer;
    char addr[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    printf("👋 Connection from %s\n",
           tw_sockaddr_str(tw_stream_writer_get_extra_info(writer, "peername", TW_NONE).p, addr));
    for (;;) {
        TW_AWAIT(co, tw_stream_reader_read(f->h.reader, 100));   /* Read up to 100 bytes */
        f->data = TW_RESULT(co).p;
        if (f->data->len == 0)
            break;              /* No data means the client has closed the connection */
        printf("📥 Received: %.*s\n", (int)f->data->len, (const char *)f->data->data);
        tw_stream_writer_write(writer, f->data->data, f->data->len);   /* Echo back */
        TW_AWAIT(co, tw_stream_writer_drain(writer));   /* Wait until it's appropriate */
        printf("📤 Sent: %.*s\n", (int)f->data->len, (const char *)f->data->data);
        tw_bytes_free(f->data);
        f->data = NULL;
    }
    printf("🔌 Connection closed\n");
    tw_stream_writer_close(writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(writer));
    TW_END(co);
}

static tw_coro *handle_client(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    struct client_frame *f = handler_new(handle_client_body, sizeof *f, reader, writer, arg);
    f->h.co.cleanup = client_cleanup;
    return &f->h.co;
}

#line 116 "chapters/tier8-seed.nw"
static bool interrupted;

static tw_error *on_sigint(void *task)
{
    if (!interrupted) {
        interrupted = true;
        tw_task_cancel(task, NULL);
    }
    return NULL;
}

#line 220 "chapters/tier9-seed.nw"
struct main_frame { tw_coro co; tw_server *server; tw_error *body_error; };

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_unref(f->server);
    tw_unref(f->body_error);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    char addr[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    tw_loop_add_signal_handler(tw_get_running_loop(), SIGINT, on_sigint, tw_current_task());
    TW_AWAIT(co, tw_start_server(handle_client, NULL, "127.0.0.1", 8888, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    printf("🛑 Serving on %s\n", tw_sockaddr_str(tw_server_sockname(f->server, 0), addr));
    TW_AWAIT_TRY(co, tw_server_serve_forever(f->server));   /* async with server: ... */
#line 130 "chapters/tier9-seed.nw"
    f->body_error = TW_TAKE_ERROR(co);
    TW_AWAIT(co, tw_server_exit(f->server));
    if (f->body_error) {
        tw_error *e = f->body_error;
        f->body_error = NULL;
        TW_RAISE(co, e);
    }
#line 241 "chapters/tier9-seed.nw"
    TW_END(co);
}

/* Run the server */
int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
#line 133 "chapters/tier8-seed.nw"
    if (interrupted && tw_error_is(err, TW_ERR_CANCELLED)) {
        tw_unref(err);
        fputs("Traceback (most recent call last):\n  (C edition)\nKeyboardInterrupt\n", stderr);
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
#line 251 "chapters/tier9-seed.nw"
    return tw_report_uncaught(err);
}
