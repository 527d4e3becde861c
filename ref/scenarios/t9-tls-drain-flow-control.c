#line 1688 "chapters/tier9-examples.nw"
#include <stdio.h>
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

#line 1694 "chapters/tier9-examples.nw"
enum { CHUNK = 65536, CHUNKS = 256 };

static tw_ssl_context *server_ctx, *client_ctx;
static tw_event *go, *done;
static char chunk[CHUNK];

static tw_step handle_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_event_wait(go));
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    {
        tw_bytes *data = TW_RESULT(co).p;
        bool all_x = data->len == (size_t)CHUNK * CHUNKS;
        for (size_t i = 0; all_x && i < data->len; i++)
            all_x = data->data[i] == 'x';
        printf("server: read %zu bytes, all x: %s\n", data->len, tw_bool_str(all_x));
        tw_bytes_free(data);
    }
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    tw_event_set(done);
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(handle_body, sizeof(struct handler), reader, writer, arg);
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options tls = { .ssl = client_ctx };
    tw_transport *t;
    size_t low, high;
    TW_BEGIN(co);
    memset(chunk, 'x', sizeof chunk);
    go = tw_event_new();
    done = tw_event_new();
    TW_AWAIT(co, tw_start_server(handle, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_open_connection_tls("localhost",
                                        tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                        TW_STREAM_LIMIT, &tls, &f->reader, &f->writer));
    t = tw_stream_writer_transport(f->writer);
    tw_transport_get_write_buffer_limits(t, &low, &high);
    printf("client: TLS write limits low=%zu high=%zu\n", low, high);
    for (int i = 0; i < CHUNKS; i++)
        tw_stream_writer_write(f->writer, chunk, sizeof chunk);
    printf("client: buffered over the high mark: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(t) > high));
    tw_event_set(go);
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    t = tw_stream_writer_transport(f->writer);
    tw_transport_get_write_buffer_limits(t, &low, &high);
    printf("client: drain done, buffered at most the low mark: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(t) <= low));
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_AWAIT(co, tw_event_wait(done));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->writer);
    tw_unref(f->reader);
    tw_unref(go);
    tw_unref(done);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key",
                                         &server_ctx))
        || (err = tw_ssl_context_new_client("../certs/ca.pem", &client_ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(server_ctx);
    tw_unref(client_ctx);
    return tw_report_uncaught(err);
}
