#line 2331 "chapters/tier9-examples.nw"
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

#line 2336 "chapters/tier9-examples.nw"
static tw_future *received;

static tw_step collect_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    tw_future_set_result(received, TW_RESULT(co));      /* the bytes: freed by main */
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_END(co);
}

static tw_coro *collect(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(collect_body, sizeof(struct handler), reader, writer, arg);
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
    const tw_sockaddr *addr;
    char text[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    received = tw_future_new(tw_get_running_loop());
    TW_AWAIT(co, tw_start_server(collect, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    addr = tw_server_sockname(f->server, 0);
    TW_AWAIT(co, tw_open_connection(tw_sockaddr_host(addr, text), tw_sockaddr_port(addr),
                                    TW_STREAM_LIMIT, &f->reader, &f->writer));
    tw_stream_writer_write(f->writer, "sent before close", 17);
    tw_stream_writer_close(f->writer);
    printf("is_closing right after close: %s\n",
           tw_bool_str(tw_stream_writer_is_closing(f->writer)));
    tw_stream_writer_write_eof(f->writer);
    printf("peername still known: %s\n", tw_bool_str(tw_sockaddr_equal(
        tw_stream_writer_get_extra_info(f->writer, "peername", TW_NONE).p,
        tw_server_sockname(f->server, 0))));
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    printf("is_closing after wait_closed: %s\n",
           tw_bool_str(tw_stream_writer_is_closing(f->writer)));
    tw_stream_writer_write(f->writer, "written after wait_closed", 25);
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->writer));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CONNECTION_RESET))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "drain after close did not fail"));
    printf("drain after close: %s: %s\n", tw_error_type(TW_ERROR(co)),
           tw_error_str(TW_ERROR(co)));
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    printf("read() after close: b'%.*s', ", (int)((tw_bytes *)TW_RESULT(co).p)->len,
           (const char *)((tw_bytes *)TW_RESULT(co).p)->data);
    tw_bytes_free(TW_RESULT(co).p);
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->reader)));
    TW_AWAIT(co, tw_ref(received));
    printf("the server read: b'%.*s'\n", (int)((tw_bytes *)TW_RESULT(co).p)->len,
           (const char *)((tw_bytes *)TW_RESULT(co).p)->data);
    tw_bytes_free(TW_RESULT(co).p);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->writer);
    tw_unref(f->reader);
    tw_unref(received);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
