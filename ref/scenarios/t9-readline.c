#line 26 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <string.h>
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

#line 35 "chapters/tier9-examples.nw"
struct main_frame { tw_coro co; struct pair s; int i; char lines[256]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    static const char first[] = "one\ntwo\n\nlast line without newline";
    static const char second[] = "alpha\nbeta\ngamma";
    char buf[64];
    TW_BEGIN(co);
    TW_AWAIT(co, open_pair(&f->s, first, sizeof first - 1, TW_STREAM_LIMIT));
    for (f->i = 0; f->i < 5; f->i++) {
        TW_AWAIT(co, tw_stream_reader_readline(f->s.reader));
        printf("readline: %s\n", show(TW_RESULT(co), buf, sizeof buf));
    }
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->s.reader)));
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);

    TW_AWAIT(co, open_pair(&f->s, second, sizeof second - 1, TW_STREAM_LIMIT));
    for (;;) {                                   /* async for line in reader */
        TW_AWAIT(co, tw_stream_reader_readline(f->s.reader));
        if (((tw_bytes *)TW_RESULT(co).p)->len == 0) {
            tw_bytes_free(TW_RESULT(co).p);
            break;
        }
        if (f->lines[0])
            strcat(f->lines, " ");
        strcat(f->lines, show(TW_RESULT(co), buf, sizeof buf));
    }
    printf("async for: %s\n", f->lines);
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
