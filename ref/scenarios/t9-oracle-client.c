#line 1392 "chapters/tier9-examples.nw"
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

#line 1399 "chapters/tier9-examples.nw"
struct handle_frame { struct handler h; int n; };

static tw_step handle_body(tw_coro *co)
{
    struct handle_frame *f = (struct handle_frame *)co;
    tw_stream_writer *writer = f->h.writer;
    char text[128];
    TW_BEGIN(co);
    printf("connection from %s\n",
           tw_sockaddr_host(tw_stream_writer_get_extra_info(writer, "peername", TW_NONE).p, text));
    for (;;) {                               /* async for line in reader: until the client's EOF */
        TW_AWAIT(co, tw_stream_reader_readline(f->h.reader));
        {
            tw_bytes *line = TW_RESULT(co).p;
            size_t len = line->len;
            int n;
            if (len == 0) {
                tw_bytes_free(line);
                break;
            }
            if (line->data[len - 1] == '\n')
                len--;
            printf("line %d: %.*s\n", ++f->n, (int)len, (const char *)line->data);
            for (size_t i = 0; i < len; i++)                    /* word.upper() */
                if (line->data[i] >= 'a' && line->data[i] <= 'z')
                    line->data[i] = (unsigned char)(line->data[i] - 'a' + 'A');
            n = snprintf(text, sizeof text, "%d %.*s\n", f->n, (int)len, (const char *)line->data);
            tw_bytes_free(line);
            tw_stream_writer_write(writer, text, (size_t)n);
        }
        TW_AWAIT(co, tw_stream_writer_drain(writer));
    }
    printf("EOF after %d lines; sending 1 MiB\n", f->n);
    {
        char *block = malloc(1 << 20);
        memset(block, 'x', 1 << 20);
        tw_stream_writer_write(writer, block, 1 << 20);
        free(block);
    }
    TW_AWAIT(co, tw_stream_writer_drain(writer));
    tw_stream_writer_write(writer, "done\n", 5);
    tw_stream_writer_close(writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(writer));
    printf("connection closed\n");
    tw_event_set(f->h.arg);                         /* done.set() */
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *done)
{
    return handler_new(handle_body, sizeof(struct handle_frame), reader, writer, done);
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
#line 1465 "chapters/tier9-examples.nw"
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
