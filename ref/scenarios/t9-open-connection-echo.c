#line 654 "chapters/tier9-examples.nw"
#include <stdio.h>
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

#line 661 "chapters/tier9-examples.nw"
static tw_step echo_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    for (;;) {                                   /* while line := await reader.readline() */
        TW_AWAIT(co, tw_stream_reader_readline(f->reader));
        {
            tw_bytes *line = TW_RESULT(co).p;
            struct iovec reply[2] = { { "echo: ", 6 }, { line->data, line->len } };
            bool empty = line->len == 0;
            if (!empty)
                tw_stream_writer_writelines(f->writer, reply, 2);
            tw_bytes_free(line);
            if (empty)
                break;
        }
        TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    }
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_END(co);
}

static tw_coro *echo(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(echo_body, sizeof(struct handler), reader, writer, arg);
}

static const char *const words[] = { "red", "green", "blue" };

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
    int i;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    const tw_sockaddr *addr;
    char text[TW_ADDRSTRLEN];
    tw_bytes *b;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_start_server(echo, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT, NULL));
    f->server = TW_RESULT(co).p;
    addr = tw_server_sockname(f->server, 0);
    TW_AWAIT(co, tw_open_connection(tw_sockaddr_host(addr, text), tw_sockaddr_port(addr),
                                    TW_STREAM_LIMIT, &f->reader, &f->writer));
    printf("reader is a StreamReader: %s\n", tw_bool_str(f->reader != NULL));
    printf("writer is a StreamWriter: %s\n", tw_bool_str(f->writer != NULL));
    addr = tw_server_sockname(f->server, 0);
    printf("peername is the server address: %s\n",
           tw_bool_str(tw_sockaddr_equal(
               tw_stream_writer_get_extra_info(f->writer, "peername", TW_NONE).p, addr)));
    printf("get_extra_info default: %s\n",
           tw_stream_writer_get_extra_info(f->writer, "nothing", TW_STR("none here")).s);
    for (f->i = 0; f->i < 3; f->i++) {
        int n = snprintf(text, sizeof text, "%s\n", words[f->i]);
        tw_stream_writer_write(f->writer, text, (size_t)n);
        TW_AWAIT(co, tw_stream_writer_drain(f->writer));
        TW_AWAIT(co, tw_stream_reader_readline(f->reader));
        b = TW_RESULT(co).p;
        printf("%.*s\n", (int)b->len - 1, (const char *)b->data);   /* rstrip("\n") */
        tw_bytes_free(b);
    }
    {
        static const struct iovec lines[] = { { "cyan\n", 5 }, { "magenta\n", 8 } };
        tw_stream_writer_writelines(f->writer, lines, 2);
    }
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    TW_AWAIT(co, tw_stream_reader_readexactly(f->reader, strlen("echo: cyan\necho: magenta\n")));
    b = TW_RESULT(co).p;
    for (size_t i = 0; i < b->len; i++)          /* .replace("\n", "|") */
        putchar(b->data[i] == '\n' ? '|' : b->data[i]);
    putchar('\n');
    tw_bytes_free(b);
    tw_stream_writer_write_eof(f->writer);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    printf("after write_eof the server closes: read() returns %zu bytes\n",
           length(TW_RESULT(co)));
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    tw_unref(f->writer);
    tw_unref(f->reader);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
