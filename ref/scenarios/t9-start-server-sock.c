#line 2431 "chapters/tier9-examples.nw"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

#line 2440 "chapters/tier9-examples.nw"
static tw_step greet_body(tw_coro *co)
{
    struct handler *f = (struct handler *)co;
    TW_BEGIN(co);
    tw_stream_writer_write(f->writer, "served on the socket passed in\n", 31);
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    TW_END(co);
}

static tw_coro *greet(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(greet_body, sizeof(struct handler), reader, writer, arg);
}

static bool is_open(int fd)
{
    return fcntl(fd, F_GETFD) >= 0 || errno != EBADF;
}

struct main_frame {
    tw_coro co;
    int sock, udp, other;
    tw_sockaddr addr;
    tw_server *server;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    char host[TW_ADDRSTRLEN];
    int listening = 0;
    socklen_t len = sizeof listening;
    TW_BEGIN(co);
    f->sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    f->addr.len = sizeof f->addr.u.in4;
    f->addr.u.in4.sin_family = AF_INET;
    f->addr.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(f->sock, &f->addr.u.sa, f->addr.len);
    f->addr.len = sizeof f->addr.u;
    getsockname(f->sock, &f->addr.u.sa, &f->addr.len);
    TW_AWAIT(co, tw_start_server(greet, NULL, NULL, 0, TW_STREAM_LIMIT,
        &(tw_server_options){ .use_sock = true, .sock = f->sock, .backlog = 5 }));
    f->server = TW_RESULT(co).p;
    printf("one listening socket, the one bound before: %s\n",
           tw_bool_str(tw_server_nsockets(f->server) == 1
                       && tw_sockaddr_equal(tw_server_sockname(f->server, 0), &f->addr)));
    getsockopt(f->sock, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len);
    printf("listening: %s\n", tw_bool_str(listening == 1));
    TW_AWAIT(co, tw_open_connection(tw_sockaddr_host(&f->addr, host), tw_sockaddr_port(&f->addr),
                                    TW_STREAM_LIMIT, &f->reader, &f->writer));
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
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    printf("closing the server closed the socket: %s\n", tw_bool_str(!is_open(f->sock)));

    f->udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    TW_AWAIT_TRY(co, tw_start_server(greet, NULL, NULL, 0, TW_STREAM_LIMIT,
                                     &(tw_server_options){ .use_sock = true, .sock = f->udp }));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "a datagram socket was accepted"));
    puts("a datagram socket: ValueError");
    f->other = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    TW_AWAIT_TRY(co, tw_start_server(greet, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT,
                                     &(tw_server_options){ .use_sock = true, .sock = f->other }));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "a host beside a socket was accepted"));
    printf("a host and a socket: ValueError: %s\n", tw_error_str(TW_ERROR(co)));
    printf("the refused sockets are still open: %s\n",
           tw_bool_str(is_open(f->udp) && is_open(f->other)));
    close(f->udp);
    close(f->other);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
