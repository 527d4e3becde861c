#line 1040 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
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

#line 1048 "chapters/tier9-examples.nw"
/* what main and the handler share: the future result and the event got_first */
struct shared { tw_future *result; tw_event *got_first; };

static tw_step handle_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    struct shared *shared = f->arg;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_readexactly(f->reader, 5));
    printf("handler read: %s\n", (const char *)((tw_bytes *)TW_RESULT(co).p)->data);
    tw_bytes_free(TW_RESULT(co).p);
    tw_event_set(shared->got_first);
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, -1));
    if (TW_ERROR(co) == NULL)
        printf("read() returned %zu bytes\n", length(TW_RESULT(co)));
    else if (tw_error_is(TW_ERROR(co), TW_ERR_CONNECTION_RESET)) {
        printf("read() after the reset: ConnectionResetError\n");
        TW_CLEAR(co);
    } else
        TW_RERAISE(co);
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->reader));
    if (TW_ERROR(co) == NULL)
        tw_bytes_free(TW_RESULT(co).p);
    else if (tw_error_is(TW_ERROR(co), TW_ERR_CONNECTION_RESET)) {
        printf("readline() again: ConnectionResetError\n");
        TW_CLEAR(co);
    } else
        TW_RERAISE(co);
    tw_stream_writer_close(f->writer);
    tw_future_set_result(shared->result, TW_NONE);
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *shared)
{
    return handler_new(handle_body, sizeof(struct handler), reader, writer, shared);
}

struct main_frame { tw_coro co; struct shared shared; tw_server *server; int peer; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->shared.result = tw_future_new(loop);
    f->shared.got_first = tw_event_new();
    TW_AWAIT(co, tw_start_server(handle, &f->shared, "127.0.0.1", 0, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    f->peer = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    TW_AWAIT(co, tw_sock_connect(loop, f->peer, tw_server_sockname(f->server, 0)));
    TW_AWAIT(co, tw_sock_sendall(loop, f->peer, "hello", 5));
    /* Reset (SO_LINGER 0) only once the handler has read the five bytes: a
       reset that arrives first makes readexactly itself raise. */
    TW_AWAIT(co, tw_event_wait(f->shared.got_first));
    {
        struct linger reset = { .l_onoff = 1, .l_linger = 0 };
        setsockopt(f->peer, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        close(f->peer);
    }
    TW_AWAIT(co, tw_ref(f->shared.result));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->shared.result);
    tw_unref(f->shared.got_first);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
