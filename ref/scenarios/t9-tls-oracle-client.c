#line 1799 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
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

#line 1807 "chapters/tier9-examples.nw"
static tw_ssl_context *ctx;
static tw_event *done;
static char block[1 << 18];

struct server_frame { struct handler h; int n; };

static tw_step handle_body(tw_coro *co)
{
    struct server_frame *f = (struct server_frame *)co;
    TW_BEGIN(co);
    printf("TLS connection: %s\n",
           SSL_get_version(tw_stream_writer_get_extra_info(f->h.writer, "ssl_object",
                                                           TW_NONE).p));
    for (;;) {
        TW_AWAIT(co, tw_stream_reader_readline(f->h.reader));
        {
            tw_bytes *line = TW_RESULT(co).p;
            char answer[80];
            int len;
            bool bye = line->len == 4 && memcmp(line->data, "bye\n", 4) == 0;
            if (!bye) {
                f->n++;
                printf("line %d: %.*s\n", f->n, (int)line->len - 1, (const char *)line->data);
                len = snprintf(answer, sizeof answer, "%d ", f->n);
                for (size_t i = 0; i + 1 < line->len && len + 2 < (int)sizeof answer; i++)
                    answer[len++] = (char)(line->data[i] >= 'a' && line->data[i] <= 'z'
                                           ? line->data[i] - 'a' + 'A' : line->data[i]);
                answer[len++] = '\n';
                tw_stream_writer_write(f->h.writer, answer, (size_t)len);
            }
            tw_bytes_free(line);
            if (bye)
                break;
        }
        TW_AWAIT(co, tw_stream_writer_drain(f->h.writer));
    }
    printf("bye after %d lines; sending 256 KiB\n", f->n);
    memset(block, 'x', sizeof block);
    tw_stream_writer_write(f->h.writer, block, sizeof block);
    tw_stream_writer_write(f->h.writer, "done\n", 5);
    TW_AWAIT(co, tw_stream_writer_drain(f->h.writer));
    tw_stream_writer_close(f->h.writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->h.writer));
    printf("connection closed\n");
    tw_event_set(done);
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(handle_body, sizeof(struct server_frame), reader, writer, arg);
}

struct main_frame { tw_coro co; tw_server *server; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_server_options opt = { .tls = { .ssl = ctx } };
    TW_BEGIN(co);
    done = tw_event_new();
    TW_AWAIT(co, tw_start_server(handle, NULL, "127.0.0.1", atoi(getenv("TOWER_PORT")),
                                 TW_STREAM_LIMIT, &opt));
    f->server = TW_RESULT(co).p;
    printf("Serving on 127.0.0.1\n");
    TW_AWAIT(co, tw_event_wait(done));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    printf("server closed\n");
    tw_unref(f->server);
    tw_unref(done);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("TOWER_PORT") == NULL) {
        fprintf(stderr, "TOWER_PORT is not set\n");
        return 2;
    }
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key", &ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(ctx);
    return tw_report_uncaught(err);
}
