#line 2549 "chapters/tier9-examples.nw"
#include <stdio.h>
#include "tower.h"

/* what attempt() prints: Python's repr() of the bytes, or of the error's two facts */
static void show_attempt(const char *what, tw_coro *co)
{
    if (TW_ERROR(co)) {
        printf("%s: LimitOverrunError('%s', consumed=%td)\n", what, tw_error_str(TW_ERROR(co)),
               tw_limit_overrun_consumed(TW_ERROR(co)));
        return;
    }
    printf("%s: b'%.*s'\n", what, (int)((tw_bytes *)TW_RESULT(co).p)->len,
           (const char *)((tw_bytes *)TW_RESULT(co).p)->data);
    tw_bytes_free(TW_RESULT(co).p);
}

static tw_error *feed_f(void *reader)
{
    tw_stream_reader_feed_data(reader, "f", 1);
    return NULL;
}

struct main_frame {
    tw_coro co;
    tw_stream_reader *reader;
    tw_task *waiting;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_error *err;
    TW_BEGIN(co);
    if ((err = tw_stream_reader_new(loop, 4, &f->reader)) != NULL)
        TW_RAISE(co, err);
    tw_stream_reader_feed_data(f->reader, "abcd|abcde|", 11);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->reader, "|", 1));
    show_attempt("4 bytes before the separator", co);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->reader, "|", 1));
    show_attempt("5 bytes before the separator", co);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, 6));
    show_attempt("the data stays", co);

    tw_stream_reader_feed_data(f->reader, "abc||abcd||", 11);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->reader, "||", 2));
    show_attempt("the separator may end past the limit", co);
    TW_AWAIT_TRY(co, tw_stream_reader_readuntil(f->reader, "||", 2));
    show_attempt("and may start at it", co);

    tw_stream_reader_feed_data(f->reader, "abcd", 4);
    f->waiting = tw_create_task(tw_stream_reader_readuntil(f->reader, "||", 2), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("4 bytes, no separator yet: still waiting: %s\n",
           tw_bool_str(!tw_future_done(tw_task_future(f->waiting))));
    tw_stream_reader_feed_data(f->reader, "e", 1);
    TW_AWAIT(co, tw_sleep(0));
    printf("5 bytes: the last one may start the separator: still waiting: %s\n",
           tw_bool_str(!tw_future_done(tw_task_future(f->waiting))));
    tw_call_soon(loop, feed_f, f->reader, NULL);
    TW_AWAIT_TRY(co, f->waiting);
    show_attempt("6 bytes without the separator", co);
    TW_AWAIT(co, tw_stream_reader_read(f->reader, 6));
    show_attempt("the data stays", co);
    tw_unref(f->reader);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
