#line 1307 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <stdlib.h>
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

#line 1313 "chapters/tier9-examples.nw"
static tw_step handle_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    tw_bytes *b;
    TW_BEGIN(co);
    printf("can_write_eof: %s\n", tw_bool_str(tw_stream_writer_can_write_eof(f->writer)));
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    b = TW_RESULT(co).p;
    printf("request: %.*s\n", (int)b->len - 1, (const char *)b->data);   /* .strip() */
    for (size_t i = 0; i < b->len; i++)                                 /* .upper() */
        if (b->data[i] >= 'a' && b->data[i] <= 'z')
            b->data[i] = (unsigned char)(b->data[i] - 'a' + 'A');
    tw_stream_writer_write(f->writer, b->data, b->len);
    tw_bytes_free(b);
    tw_stream_writer_write_eof(f->writer);
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    printf("answered and sent EOF; still reading\n");
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    b = TW_RESULT(co).p;
    printf("after our EOF the client still sent: %.*s\n", (int)b->len, (const char *)b->data);
    tw_bytes_free(b);
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    printf("connection closed\n");
    tw_event_set(f->arg);                           /* done.set() */
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *done)
{
    return handler_new(handle_body, sizeof(struct handler), reader, writer, done);
}

struct main_frame { tw_coro co; tw_event *done; tw_server *server; tw_error *body_error; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->done = tw_event_new();
    TW_AWAIT(co, tw_start_server(handle, f->done, "127.0.0.1", atoi(getenv("TOWER_PORT")),
                                 TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    printf("Serving on 127.0.0.1\n");
    TW_AWAIT_TRY(co, tw_event_wait(f->done));              /* async with server: await done.wait() */
#line 130 "chapters/tier9-seed.nw"
    f->body_error = TW_TAKE_ERROR(co);
    TW_AWAIT(co, tw_server_exit(f->server));
    if (f->body_error) {
        tw_error *e = f->body_error;
        f->body_error = NULL;
        TW_RAISE(co, e);
    }
#line 1359 "chapters/tier9-examples.nw"
    printf("server closed\n");
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
