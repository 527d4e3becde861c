#line 2023 "chapters/measuring.nw"
/* echo-streams-server.c -- the TCP echo benchmark's server on Tower's streams */
#include "echo-server.h"

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

#line 2028 "chapters/measuring.nw"
/* while data := await reader.read(65536): writer.write(data); await writer.drain() */
static tw_step echo_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    for (;;) {
        TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, 65536));
        if (TW_ERROR(co))
            break;
        {
            tw_bytes *data = TW_RESULT(co).p;
            size_t n = data->len;
            if (n)
                tw_stream_writer_write(f->writer, data->data, n);
            tw_bytes_free(data);
            if (n == 0)
                break;
        }
        TW_AWAIT_TRY(co, tw_stream_writer_drain(f->writer));
        if (TW_ERROR(co))
            break;
    }
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    TW_CLEAR(co);
    tw_stream_writer_close(f->writer);
    TW_END(co);
}

static tw_coro *echo(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    echo_connection_made();
    return handler_new(echo_body, sizeof(struct handler), reader, writer, arg);
}

static tw_coro *start_echo_server(tw_loop *loop, int port, const tw_server_options *options)
{
    (void)loop;
    return tw_start_server(echo, NULL, "127.0.0.1", port, TW_STREAM_LIMIT, options);
}

int main(int argc, char **argv)
{
    return serve_echo(argc, argv, start_echo_server);
}
