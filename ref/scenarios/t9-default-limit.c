#line 316 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

#define KIB64 (64 * 1024)

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

#line 327 "chapters/tier9-examples.nw"
struct main_frame { tw_coro co; struct pair s; };

static char data[2 * KIB64 + 8];

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    memset(data, 'a', KIB64);                    /* a * 64 KiB, b * (64 KiB + 1), tail */
    data[KIB64] = '\n';
    memset(data + KIB64 + 1, 'b', KIB64 + 1);
    data[2 * KIB64 + 2] = '\n';
    memcpy(data + 2 * KIB64 + 3, "tail\n", 5);
    TW_AWAIT(co, open_pair(&f->s, data, 2 * KIB64 + 8, TW_STREAM_LIMIT));   /* default limit */
    TW_AWAIT(co, tw_stream_reader_readline(f->s.reader));
    printf("readline of 65536 bytes plus newline: %zu bytes\n", length(TW_RESULT(co)));
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->s.reader));
    if (TW_ERROR(co) == NULL)
        printf("readline of 65537 bytes plus newline: %zu bytes\n", length(TW_RESULT(co)));
    else if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE)) {
        printf("readline of 65537 bytes plus newline: ValueError\n");
        TW_CLEAR(co);
    } else
        TW_RERAISE(co);
    TW_AWAIT(co, tw_stream_reader_readline(f->s.reader));
    {
        tw_bytes *line = TW_RESULT(co).p;
        printf("next readline: %.*s\n", (int)line->len - 1, (const char *)line->data);
        tw_bytes_free(line);
    }
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);

    memset(data, 'c', KIB64);                    /* c * 64 KiB ; d * (64 KiB + 1) ; */
    data[KIB64] = ';';
    memset(data + KIB64 + 1, 'd', KIB64 + 1);
    data[2 * KIB64 + 2] = ';';
    TW_AWAIT(co, open_pair(&f->s, data, 2 * KIB64 + 3, TW_STREAM_LIMIT));
    TW_AWAIT(co, tw_stream_reader_readuntil(f->s.reader, ";", 1));
    printf("readuntil with 65536 bytes before the separator: %zu bytes\n",
           length(TW_RESULT(co)));
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->s.reader, ";", 1));
    if (TW_ERROR(co) == NULL)
        printf("readuntil with 65537 bytes before the separator: %zu bytes\n",
               length(TW_RESULT(co)));
    else if (tw_error_is(TW_ERROR(co), TW_ERR_LIMIT_OVERRUN)) {
        printf("readuntil with 65537 bytes before the separator: LimitOverrunError\n");
        TW_CLEAR(co);
    } else
        TW_RERAISE(co);
    TW_AWAIT(co, tw_stream_reader_read(f->s.reader, -1));
    printf("the data is still there: %zu bytes\n", length(TW_RESULT(co)));
    TW_AWAIT(co, close_pair(&f->s));
    forget_pair(&f->s);
    TW_END(co);
}

int main(void)
{
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
