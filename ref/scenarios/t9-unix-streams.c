#line 771 "chapters/tier9-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

#line 780 "chapters/tier9-examples.nw"
static tw_step handle_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_stream_reader_readuntil(f->reader, "", 1));   /* b"\0" */
    {
        tw_bytes *name = TW_RESULT(co).p;             /* .rstrip(b"\0"): %s stops there */
        char reply[128];
        int n = snprintf(reply, sizeof reply, "hello, %s", (const char *)name->data);
        tw_bytes_free(name);
        tw_stream_writer_write(f->writer, reply, (size_t)n);
    }
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    tw_event_set(f->arg);                           /* handled.set() */
    TW_END(co);
}

static tw_coro *handle(tw_stream_reader *reader, tw_stream_writer *writer, void *handled)
{
    return handler_new(handle_body, sizeof(struct handler), reader, writer, handled);
}

struct main_frame {
    tw_coro co;
    char tmp[64], path[96];
    tw_event *handled;
    tw_server *server;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    const tw_sockaddr *peer;
    char name[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    snprintf(f->tmp, sizeof f->tmp, "%s/towerXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(f->tmp) == NULL)
        TW_RAISE(co, tw_error_os(errno, "mkdtemp"));
    snprintf(f->path, sizeof f->path, "%s/streams.sock", f->tmp);
    f->handled = tw_event_new();
    TW_AWAIT(co, tw_start_unix_server(handle, f->handled, f->path, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_open_unix_connection(f->path, -1, TW_STREAM_LIMIT, &f->reader, &f->writer));
    peer = tw_stream_writer_get_extra_info(f->writer, "peername", TW_NONE).p;
    printf("peername is the socket path: %s\n",
           tw_bool_str(peer && strcmp(tw_sockaddr_host(peer, name), f->path) == 0));
    tw_stream_writer_write(f->writer, "tower", 6);   /* with its NUL */
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    printf("reply: %s\n", (const char *)((tw_bytes *)TW_RESULT(co).p)->data);
    tw_bytes_free(TW_RESULT(co).p);
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_AWAIT(co, tw_event_wait(f->handled));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    unlink(f->path);                             /* shutil.rmtree(tmp) */
    rmdir(f->tmp);
    printf("done\n");
    tw_unref(f->server);
    tw_unref(f->writer);
    tw_unref(f->reader);
    tw_unref(f->handled);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
