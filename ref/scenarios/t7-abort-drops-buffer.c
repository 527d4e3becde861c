#line 660 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { SIZE = 8 * 1024 * 1024 };

static tw_future *lost;
static int calls;
static const char *first_argument;

static tw_error *writer_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    if (calls++ == 0)
        first_argument = exc ? "an error" : "None";
    return tw_future_set_result(lost, TW_NONE);
}

static const tw_protocol_class writer_class = { .name = "Writer", .connection_lost = writer_lost };

static tw_protocol *writer_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&writer_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; int sv[2]; tw_transport *t; char *payload, *inbox; size_t total; };

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->payload);
    free(f->inbox);
    tw_unref(f->t);
    tw_unref(lost);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    lost = tw_future_new(loop);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, writer_factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    f->payload = malloc(SIZE);
    memset(f->payload, 'x', SIZE);
    f->inbox = malloc(65536);
    tw_transport_write(f->t, f->payload, SIZE);
    printf("data buffered before abort: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(f->t) > 0));
    tw_transport_abort(f->t);
    printf("is_closing right after abort: %s\n",
           tw_bool_str(tw_transport_is_closing(f->t)));
    TW_AWAIT(co, tw_ref(lost));
    printf("connection_lost calls: %d, argument: %s\n", calls, first_argument);
    for (;;) {
        TW_AWAIT(co, tw_sock_recv(loop, f->sv[1], f->inbox, 65536));
        if (TW_RESULT(co).i == 0)
            break;
        f->total += (size_t)TW_RESULT(co).i;
    }
    printf("peer saw EOF after fewer bytes than written: %s\n",
           tw_bool_str(0 < f->total && f->total < SIZE));
    close(f->sv[1]);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
