#line 1991 "chapters/tier9-examples.nw"
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

#line 1997 "chapters/tier9-examples.nw"
static tw_step greet_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    {
        tw_bytes *line = TW_RESULT(co).p;
        struct iovec reply[2] = { { "hello, ", 7 }, { line->data, line->len } };
        tw_stream_writer_writelines(f->writer, reply, 2);
        tw_bytes_free(line);
    }
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_END(co);
}

static tw_coro *greet(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(greet_body, sizeof(struct handler), reader, writer, arg);
}

static const tw_protocol_class plain_protocol = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_protocol, sizeof(tw_protocol));
}

static void report(const char *what, tw_error *e)
{
    if (strcmp(tw_error_type(e), "gaierror") == 0)
        printf("%s: gaierror, an OSError: %s\n", what, tw_bool_str(tw_error_is(e, TW_ERR_OS)));
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    int port;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    char host[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    TW_AWAIT(co, tw_start_server(greet, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    f->port = tw_sockaddr_port(tw_server_sockname(f->server, 0));
    TW_AWAIT(co, tw_open_connection("localhost", f->port, TW_STREAM_LIMIT, &f->reader,
                                    &f->writer));
    printf("connected by name to %s\n", tw_sockaddr_host(
        tw_stream_writer_get_extra_info(f->writer, "peername", TW_NONE).p, host));
    tw_stream_writer_write(f->writer, "localhost\n", 10);
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    {
        tw_bytes *b = TW_RESULT(co).p;
        printf("%.*s\n", (int)b->len - 1, (const char *)b->data);   /* rstrip("\n") */
        tw_bytes_free(b);
    }
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    tw_unref(f->writer);
    tw_unref(f->reader);

    TW_AWAIT_TRY(co, tw_open_connection("no-such-host.invalid", f->port, TW_STREAM_LIMIT,
                                        &f->reader, &f->writer));
    if (TW_ERROR(co) == NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "a .invalid name resolved"));
    report("open_connection", TW_ERROR(co));
    TW_AWAIT_TRY(co, tw_create_connection(tw_get_running_loop(), plain_factory, NULL,
                                          "no-such-host.invalid", f->port));
    if (TW_ERROR(co) == NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "a .invalid name resolved"));
    report("create_connection", TW_ERROR(co));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
