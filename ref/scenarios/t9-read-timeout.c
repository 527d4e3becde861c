#line 588 "chapters/tier9-examples.nw"
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
#line 54 "chapters/tier9-seed.nw"
struct pair { tw_stream_reader *reader; tw_stream_writer *writer; int peer; };

/* open_unix_connection(sock=ours) on a new socketpair whose other end is the
   peer's; queued bytes, if any, and their EOF are sent before the stream exists */
static tw_coro *open_pair(struct pair *p, const void *queued, size_t len, ptrdiff_t limit)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | (queued ? 0 : SOCK_NONBLOCK), 0, sv);
    p->peer = sv[1];
    if (queued) {
        for (size_t sent = 0; sent < len; ) {           /* peer.sendall(data) */
            ssize_t n = send(sv[1], (const char *)queued + sent, len - sent, 0);
            if (n <= 0)
                break;
            sent += (size_t)n;
        }
        shutdown(sv[1], SHUT_WR);
    }
    return tw_open_unix_connection(NULL, sv[0], limit, &p->reader, &p->writer);
}

/* writer.close(), and what await writer.wait_closed() awaits */
static tw_future *close_pair(struct pair *p)
{
    tw_stream_writer_close(p->writer);
    return tw_stream_writer_wait_closed(p->writer);
}

/* then the stream's references go, and peer.close() */
static void forget_pair(struct pair *p)
{
    tw_unref(p->writer);
    tw_unref(p->reader);
    close(p->peer);
}

#line 596 "chapters/tier9-examples.nw"
struct main_frame { tw_coro co; struct pair s; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_bytes *b;
    TW_BEGIN(co);
    TW_AWAIT(co, open_pair(&f->s, NULL, 0, TW_STREAM_LIMIT));
    /* The peer sends nothing: the read cannot finish, and wait_for gives up. */
    TW_AWAIT_TRY(co, tw_wait_for(tw_stream_reader_readline(f->s.reader), 0.05));
    if (TW_ERROR(co) == NULL) {
        tw_bytes_free(TW_RESULT(co).p);
        printf("readline returned?\n");
    } else if (tw_error_is(TW_ERROR(co), TW_ERR_TIMEOUT)) {
        printf("wait_for(readline(), 0.05): TimeoutError\n");
        TW_CLEAR(co);
    } else
        TW_RERAISE(co);
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->s.reader)));
    /* The cancelled read took nothing from the stream: it is still usable. */
    TW_AWAIT(co, tw_sock_sendall(tw_get_running_loop(), f->s.peer, "late line\nrest", 14));
    shutdown(f->s.peer, SHUT_WR);
    TW_AWAIT(co, tw_stream_reader_readline(f->s.reader));
    b = TW_RESULT(co).p;
    printf("readline afterwards: %.*s\n", (int)b->len - 1, (const char *)b->data);
    tw_bytes_free(b);
    TW_AWAIT(co, tw_stream_reader_read(f->s.reader, -1));
    b = TW_RESULT(co).p;
    printf("read() afterwards: %.*s\n", (int)b->len, (const char *)b->data);
    tw_bytes_free(b);
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
