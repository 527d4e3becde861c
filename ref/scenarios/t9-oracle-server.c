#line 1494 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <stdlib.h>
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

#line 1501 "chapters/tier9-examples.nw"
#define SIZE (256 * 1024)

struct main_frame { tw_coro co; tw_stream_reader *reader; tw_stream_writer *writer; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    char text[TW_ADDRSTRLEN];
    tw_bytes *b;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_open_connection("127.0.0.1", atoi(getenv("TOWER_PORT")), TW_STREAM_LIMIT,
                                    &f->reader, &f->writer));
    printf("connected to %s\n",
           tw_sockaddr_host(tw_stream_writer_get_extra_info(f->writer, "peername", TW_NONE).p,
                            text));
    tw_stream_writer_write(f->writer, "HELLO tower\n", 12);
    TW_AWAIT(co, tw_stream_reader_readuntil(f->reader, "\r\n\r\n", 4));
    b = TW_RESULT(co).p;
    printf("greeting: %.*s\n", (int)b->len - 4, (const char *)b->data);   /* .strip() */
    tw_bytes_free(b);
    {
        /* the size, then the bytes 0 to 250 over and over, in one writelines */
        static unsigned char payload[SIZE];
        char head[16];
        struct iovec parts[2] = { { head, 0 }, { payload, SIZE } };
        for (size_t i = 0; i < SIZE; i++)
            payload[i] = (unsigned char)(i % 251);
        parts[0].iov_len = (size_t)snprintf(head, sizeof head, "%d\n", SIZE);
        tw_stream_writer_writelines(f->writer, parts, 2);
    }
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    b = TW_RESULT(co).p;
    printf("answer: %.*s\n", (int)b->len - 1, (const char *)b->data);
    tw_bytes_free(b);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    b = TW_RESULT(co).p;
    {
        bool all_y = true;
        for (size_t i = 0; i < b->len; i++)
            all_y = all_y && b->data[i] == 'y';
        printf("then %zu bytes, all y: %s, at_eof: %s\n", b->len, tw_bool_str(all_y),
               tw_bool_str(tw_stream_reader_at_eof(f->reader)));
    }
    tw_bytes_free(b);
    tw_stream_writer_write(f->writer, "BYE\n", 4);
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    printf("closed\n");
    tw_unref(f->writer);
    tw_unref(f->reader);
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
