#line 2864 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

enum { PAYLOAD = 256 * 16384, CHUNK = 65536 };

struct reader { tw_coro co; int fd; unsigned char *got; size_t n; };

static tw_step reader_body(tw_coro *co)
{
    struct reader *f = (struct reader *)co;
    TW_BEGIN(co);
    while (f->n < PAYLOAD) {
        TW_AWAIT(co, tw_sock_recv(tw_get_running_loop(), f->fd, f->got + f->n, CHUNK));
        f->n += (size_t)TW_RESULT(co).i;
        if (TW_RESULT(co).i == 0)
            TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "end of file before the payload"));
    }
    TW_END(co);
}

struct main_frame {
    tw_coro co;
    int sv[2];
    tw_task *task;
    char buf[128];
    unsigned char *payload, *got;
    struct reader *reader;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);

    f->task = tw_create_task(tw_sock_recv(loop, f->sv[1], f->buf, 100), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("sock_recv waits for data: %s\n", tw_bool_str(!tw_future_done(tw_task_future(f->task))));
    TW_AWAIT(co, tw_sock_sendall(loop, f->sv[0], "wake up", 7));
    TW_AWAIT(co, f->task);
    printf("woken by data: b'%.*s'\n", (int)TW_RESULT(co).i, f->buf);

    f->payload = malloc(PAYLOAD);
    f->got = malloc(PAYLOAD + CHUNK);
    for (size_t i = 0; i < PAYLOAD; i++)
        f->payload[i] = (unsigned char)i;
    f->reader = tw_coro_new(reader_body, sizeof *f->reader);
    f->reader->fd = f->sv[1];
    f->reader->got = f->got;
    f->task = tw_create_task(tw_ref(&f->reader->co), NULL);
    TW_AWAIT(co, tw_sock_sendall(loop, f->sv[0], f->payload, PAYLOAD));
    printf("sock_sendall of 4 MiB returned %s", TW_RESULT(co).p == NULL ? "None" : "something");
    TW_AWAIT(co, f->task);
    printf(" and every byte arrived in order: %s\n",
           tw_bool_str(f->reader->n == PAYLOAD && memcmp(f->got, f->payload, PAYLOAD) == 0));
    tw_unref(&f->reader->co);
    free(f->payload);
    free(f->got);

    f->task = tw_create_task(tw_sock_recv(loop, f->sv[1], f->buf, 100), NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("sock_recv waits again: %s\n", tw_bool_str(!tw_future_done(tw_task_future(f->task))));
    close(f->sv[0]);
    TW_AWAIT(co, f->task);
    printf("a waiting sock_recv at the peer's close: b'%.*s'\n", (int)TW_RESULT(co).i, f->buf);
    close(f->sv[1]);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
