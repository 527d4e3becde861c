#line 2105 "chapters/tier9-examples.nw"
#include <stdio.h>
#include "tower.h"

/* Python's repr() of the bytes a read returned; frees them */
static const char *bytes_repr(tw_value result, char *buf, size_t size)
{
    tw_bytes *b = result.p;
    size_t n = 0;
    buf[n++] = 'b';
    buf[n++] = '\'';
    for (size_t i = 0; i < b->len && n + 5 < size; i++) {
        if (b->data[i] == '\n') {
            buf[n++] = '\\';
            buf[n++] = 'n';
        } else
            buf[n++] = (char)b->data[i];
    }
    buf[n++] = '\'';
    buf[n] = '\0';
    tw_bytes_free(b);
    return buf;
}

static void recording_pause(tw_transport *t)
{
    (void)t;
    puts("  transport: pause_reading()");
}

static void recording_resume(tw_transport *t)
{
    (void)t;
    puts("  transport: resume_reading()");
}

static const tw_transport_class recording_transport = {
    .name = "RecordingTransport", .kinds = TW_TRANSPORT_READ,
    .pause_reading = recording_pause, .resume_reading = recording_resume,
};

static tw_transport transport;

static tw_error *feed_line(void *reader)
{
    tw_stream_reader_feed_data(reader, "line\n", 5);
    return NULL;
}

static tw_error *feed_eof(void *reader)
{
    tw_stream_reader_feed_eof(reader);
    return NULL;
}

struct main_frame {
    tw_coro co;
    tw_stream_reader *reader;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char buf[64];
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_stream_reader_new(loop, TW_STREAM_LIMIT, &f->reader)) != NULL)
        TW_RAISE(co, err);
    tw_stream_reader_feed_data(f->reader, "first line\nsecond ", 18);
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    printf("readline: %s\n", bytes_repr(TW_RESULT(co), buf, sizeof buf));
    tw_call_soon(loop, feed_line, f->reader, NULL);
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    printf("readline woken by feed_data: %s\n", bytes_repr(TW_RESULT(co), buf, sizeof buf));
    tw_call_soon(loop, feed_eof, f->reader, NULL);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    printf("read() woken by feed_eof: %s, ", bytes_repr(TW_RESULT(co), buf, sizeof buf));
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->reader)));
    tw_unref(f->reader);

    if ((err = tw_stream_reader_new(loop, 4, &f->reader)) != NULL)
        TW_RAISE(co, err);
    tw_transport_init(&transport, &recording_transport, loop, NULL);
    tw_stream_reader_set_transport(f->reader, &transport);
    puts("feed 8 bytes (twice the limit)");
    tw_stream_reader_feed_data(f->reader, "abcdefgh", 8);
    puts("feed 1 more byte");
    tw_stream_reader_feed_data(f->reader, "i", 1);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, 4));
    printf("read(4): %s\n", bytes_repr(TW_RESULT(co), buf, sizeof buf));
    TW_AWAIT(co, tw_stream_reader_read(f->reader, 1));
    printf("read(1): %s\n", bytes_repr(TW_RESULT(co), buf, sizeof buf));
    tw_stream_reader_feed_data(f->reader, "jk", 2);
    tw_stream_reader_feed_eof(f->reader);
    printf("at_eof with data left: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->reader)));
    TW_AWAIT(co, tw_stream_reader_read(f->reader, -1));
    printf("read(): %s, ", bytes_repr(TW_RESULT(co), buf, sizeof buf));
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->reader)));
    tw_unref(f->reader);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
