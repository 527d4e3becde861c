#line 1569 "chapters/tier9-examples.nw"
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

#line 1575 "chapters/tier9-examples.nw"
struct server_frame { struct handler h; tw_bytes *line; };

static tw_ssl_context *server_ctx, *client_ctx;
static tw_event *done;

static tw_step handle_body(tw_coro *co)
{
    struct server_frame *f = (struct server_frame *)co;
    tw_tls_options tls = { .ssl = server_ctx };
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_readline(f->h.reader));
    f->line = TW_RESULT(co).p;
    printf("server: clear %.*s\n", (int)f->line->len - 1, (const char *)f->line->data);
    tw_bytes_free(f->line);
    tw_stream_writer_write(f->h.writer, "OK\n", 3);
    TW_AWAIT(co, tw_stream_writer_start_tls(f->h.writer, &tls));
    printf("server: upgraded, sslcontext set: %s\n",
           tw_bool_str(tw_stream_writer_get_extra_info(f->h.writer, "sslcontext",
                                                       TW_NONE).p != NULL));
    TW_AWAIT(co, tw_stream_reader_readline(f->h.reader));
    f->line = TW_RESULT(co).p;
    printf("server: encrypted %.*s\n", (int)f->line->len - 1, (const char *)f->line->data);
    for (size_t i = 0; i < f->line->len; i++)
        if (f->line->data[i] >= 'a' && f->line->data[i] <= 'z')
            f->line->data[i] = (unsigned char)(f->line->data[i] - 'a' + 'A');
    tw_stream_writer_write(f->h.writer, f->line->data, f->line->len);
    tw_bytes_free(f->line);
    TW_AWAIT(co, tw_stream_writer_drain(f->h.writer));
    TW_AWAIT(co, tw_stream_reader_read(f->h.reader, -1));
    tw_bytes_free(TW_RESULT(co).p);
    tw_stream_writer_close(f->h.writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->h.writer));
    tw_event_set(done);
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(handle_body, sizeof(struct server_frame), reader, writer, arg);
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
    tw_tls_options tls = { .ssl = client_ctx, .server_hostname = "localhost" };
    tw_bytes *b;
    TW_BEGIN(co);
    done = tw_event_new();
    TW_AWAIT(co, tw_start_server(handle, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_open_connection("127.0.0.1",
                                    tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                    TW_STREAM_LIMIT, &f->reader, &f->writer));
    printf("client: sslcontext before: %s\n",
           tw_stream_writer_get_extra_info(f->writer, "sslcontext", TW_NONE).p ? "set"
                                                                                : "None");
    tw_stream_writer_write(f->writer, "STARTTLS\n", 9);
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    b = TW_RESULT(co).p;
    printf("client: clear %.*s\n", (int)b->len - 1, (const char *)b->data);
    tw_bytes_free(b);
    TW_AWAIT(co, tw_stream_writer_start_tls(f->writer, &tls));
    printf("client: upgraded, cipher: %s\n",
           tw_stream_writer_get_extra_info(f->writer, "cipher", TW_NONE).s);
    tw_stream_writer_write(f->writer, "secret\n", 7);
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    b = TW_RESULT(co).p;
    printf("client: encrypted %.*s\n", (int)b->len - 1, (const char *)b->data);
    tw_bytes_free(b);
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_AWAIT(co, tw_event_wait(done));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->writer);
    tw_unref(f->reader);
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
