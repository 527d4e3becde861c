#line 564 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { CHUNK = 65536 };

static const tw_protocol_class plain_class = { .name = "Protocol" };

static tw_protocol *plain_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&plain_class, sizeof(tw_protocol));
}

struct main_frame {
    tw_coro co;
    int sv[2];
    tw_transport *t;
    char *chunk, *inbox;
    size_t written, total;
};

static void frame_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    free(f->chunk);
    free(f->inbox);
    tw_unref(f->t);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    size_t before;
    TW_BEGIN(co);
    co->cleanup = frame_cleanup;
    f->chunk = malloc(CHUNK);
    memset(f->chunk, 'z', CHUNK);
    f->inbox = malloc(1 << 20);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);
    TW_AWAIT(co, tw_create_unix_connection(loop, plain_factory, NULL, NULL, f->sv[0]));
    f->t = TW_RESULT(co).p;
    tw_transport_set_write_buffer_limits(f->t, 64L * 1024 * 1024, TW_LIMIT_DEFAULT);
    printf("idle buffer size: %zu\n", tw_transport_get_write_buffer_size(f->t));
    while (tw_transport_get_write_buffer_size(f->t) == 0) {
        tw_transport_write(f->t, f->chunk, CHUNK);
        f->written += CHUNK;
    }
    before = tw_transport_get_write_buffer_size(f->t);
    tw_transport_write(f->t, f->chunk, 1000);
    printf("write(1000 bytes) grows the buffer by: %zu\n",
           tw_transport_get_write_buffer_size(f->t) - before);
    before = tw_transport_get_write_buffer_size(f->t);
    {
        struct iovec parts[] = { { f->chunk, 10 }, { f->chunk, 20 }, { f->chunk, 30 } };
        tw_transport_writelines(f->t, parts, 3);
    }
    printf("writelines(10+20+30 bytes) grows it by: %zu\n",
           tw_transport_get_write_buffer_size(f->t) - before);
    f->written += 1060;
    while (f->total < f->written) {
        TW_AWAIT(co, tw_sock_recv(loop, f->sv[1], f->inbox, 1 << 20));
        f->total += (size_t)TW_RESULT(co).i;
    }
    while (tw_transport_get_write_buffer_size(f->t))
        TW_AWAIT(co, tw_sleep(0.001));
    printf("peer read every byte: %s; buffer size after draining: %zu\n",
           tw_bool_str(f->total == f->written), tw_transport_get_write_buffer_size(f->t));
    tw_transport_close(f->t);
    close(f->sv[1]);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
