#line 1051 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { SIZE = 1000 };

static tw_future *complete, *lost;
static size_t received;

static tw_error *reader_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    (void)data;
    received += n;
    return received == SIZE ? tw_future_set_result(complete, TW_NONE) : NULL;
}

static tw_error *reader_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(lost, TW_STR(exc ? tw_error_str(exc) : "None"));
}

static const tw_protocol_class reader_class = {
    .name = "Reader", .data_received = reader_data, .connection_lost = reader_lost,
};

static tw_protocol *reader_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&reader_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; int sv[2], i; tw_transport *t; char data[SIZE]; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    complete = tw_future_new(loop);
    lost = tw_future_new(loop);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, reader_factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    printf("is_reading once connected: %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)));
    tw_transport_pause_reading(f->t);
    printf("is_reading after pause_reading: %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)));
    memset(f->data, 'y', SIZE);
    TW_AWAIT(co, tw_sock_sendall(loop, f->sv[1], f->data, SIZE));
    for (f->i = 0; f->i < 20; f->i++)
        TW_AWAIT(co, tw_sleep(0.005));
    printf("bytes delivered while paused: %zu\n", received);
    tw_transport_pause_reading(f->t);
    printf("pause_reading again is harmless, is_reading: %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)));
    tw_transport_resume_reading(f->t);
    tw_transport_resume_reading(f->t);
    printf("is_reading after resume_reading (twice): %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)));
    TW_AWAIT(co, tw_ref(complete));
    printf("bytes delivered after resume: %zu\n", received);
    close(f->sv[1]);
    TW_AWAIT(co, tw_ref(lost));
    printf("connection_lost argument: %s\n", TW_RESULT(co).s);
    tw_unref(f->t);
    tw_unref(complete);
    tw_unref(lost);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
