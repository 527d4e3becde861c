#line 2227 "chapters/tier9-examples.nw"
#include <stdio.h>
#include "tower.h"

/* What a read ended with, as the Python edition prints it; frees the bytes. */
static void report(tw_coro *co, const char *what)
{
    if (TW_ERROR(co)) {
        printf("%s: %s: %s\n", what, tw_error_type(TW_ERROR(co)), tw_error_str(TW_ERROR(co)));
        TW_CLEAR(co);
        return;
    }
    tw_bytes *b = TW_RESULT(co).p;
    printf("%s: b'%.*s'\n", what, (int)b->len, (const char *)b->data);
    tw_bytes_free(b);
}

static tw_error *reset_by_peer(void *reader)
{
    tw_stream_reader_set_exception(reader, tw_error_new(TW_ERR_CONNECTION_RESET, "peer went away"));
    return NULL;
}

static void print_exception(const char *what, const tw_stream_reader *r)
{
    const tw_error *e = tw_stream_reader_exception(r);
    printf("%s %s %s\n", what, tw_error_type(e), tw_error_str(e));
}

struct main_frame { tw_coro co; tw_stream_reader *reader; tw_task *task; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_stream_reader_new(loop, TW_STREAM_LIMIT, &f->reader)) != NULL)
        TW_RAISE(co, err);
    printf("exception() at first: %s\n", tw_stream_reader_exception(f->reader) ? "set" : "None");
    tw_unref(tw_call_soon(loop, reset_by_peer, f->reader, NULL));
    TW_AWAIT_TRY(co, tw_stream_reader_readline(f->reader));
    report(co, "readline woken by set_exception");
    print_exception("exception():", f->reader);
    tw_stream_reader_feed_data(f->reader, "data fed after the error\n", 25);
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, 4));
    report(co, "read(4) with data buffered");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, 0));
    report(co, "read(0)");
    TW_AWAIT_TRY(co, tw_stream_reader_readexactly(f->reader, 2));
    report(co, "readexactly(2)");
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->reader, "\n", 1));
    report(co, "readuntil");
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, -1));
    report(co, "read()");
    tw_unref(f->reader);

    if ((err = tw_stream_reader_new(loop, TW_STREAM_LIMIT, &f->reader)) != NULL)
        TW_RAISE(co, err);
    tw_stream_reader_feed_data(f->reader, "abc", 3);
    tw_stream_reader_set_exception(f->reader, tw_error_new(TW_ERR_VALUE, "bad input"));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, 1));
    report(co, "read(1) after set_exception on a buffered reader");
    tw_stream_reader_feed_eof(f->reader);
    printf("at_eof: %s\n", tw_bool_str(tw_stream_reader_at_eof(f->reader)));
    TW_AWAIT_TRY(co, tw_stream_reader_read(f->reader, -1));
    report(co, "read() after feed_eof");
    tw_unref(f->reader);

    /* The waiting read is cancelled first: the error is kept, not delivered. */
    if ((err = tw_stream_reader_new(loop, TW_STREAM_LIMIT, &f->reader)) != NULL)
        TW_RAISE(co, err);
    f->task = tw_create_task(tw_stream_reader_read(f->reader, 10), NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->task, NULL);
    tw_stream_reader_set_exception(f->reader, tw_error_new(TW_ERR_RUNTIME, "too late"));
    TW_AWAIT_TRY(co, f->task);
    report(co, "read cancelled before set_exception");
    print_exception("exception() kept:", f->reader);
    tw_unref(f->reader);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
