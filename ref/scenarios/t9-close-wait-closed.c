#line 868 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

#line 15 "chapters/tier9-seed.nw"
/* show(b): the bytes a read returned as [text], \r and \n as escapes; frees them */
__attribute__((unused)) static const char *show(tw_value result, char *buf, size_t size)
{
    tw_bytes *b = result.p;
    size_t n = 0;
    buf[n++] = '[';
    for (size_t i = 0; i < b->len && n + 4 < size; i++) {
        if (b->data[i] == '\r' || b->data[i] == '\n') {
            buf[n++] = '\\';
            buf[n++] = b->data[i] == '\r' ? 'r' : 'n';
        } else
            buf[n++] = (char)b->data[i];
    }
    buf[n++] = ']';
    buf[n] = '\0';
    tw_bytes_free(b);
    return buf;
}

/* len() of the bytes a read returned; frees them */
__attribute__((unused)) static size_t length(tw_value result)
{
    size_t n = ((tw_bytes *)result.p)->len;
    tw_bytes_free(result.p);
    return n;
}
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

#line 876 "chapters/tier9-examples.nw"
static tw_step handle_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));          /* until EOF */
    tw_future_set_result(f->arg, TW_INT(length(TW_RESULT(co))));  /* server_saw */
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *server_saw)
{
    return handler_new(handle_body, sizeof(struct handler), reader, writer, server_saw);
}

struct main_frame {
    tw_coro co;
    tw_future *server_saw;
    tw_server *server;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->server_saw = tw_future_new(tw_get_running_loop());
    TW_AWAIT(co, tw_start_server(handle, f->server_saw, "127.0.0.1", 0, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_open_connection("127.0.0.1", tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                    TW_STREAM_LIMIT, &f->reader, &f->writer));
    printf("is_closing before close: %s\n",
           tw_bool_str(tw_stream_writer_is_closing(f->writer)));
    {
        char *xs = malloc(100000);
        memset(xs, 'x', 100000);
        tw_stream_writer_write(f->writer, xs, 100000);
        free(xs);
    }
    tw_stream_writer_close(f->writer);
    printf("is_closing right after close: %s\n",
           tw_bool_str(tw_stream_writer_is_closing(f->writer)));
    printf("transport is_closing: %s\n",
           tw_bool_str(tw_transport_is_closing(tw_stream_writer_transport(f->writer))));
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    printf("wait_closed returned\n");
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    printf("wait_closed again returns too\n");
    TW_AWAIT(co, tw_ref(f->server_saw));
    printf("server read %zu bytes before EOF\n", (size_t)TW_RESULT(co).i);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->writer);
    tw_unref(f->reader);
    tw_unref(f->server_saw);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
