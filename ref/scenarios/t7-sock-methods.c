#line 2749 "chapters/tier7-examples.nw"
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

static int bound_socket(int type, tw_sockaddr *addr)
{
    int fd = socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    addr->len = sizeof addr->u.in4;
    addr->u.in4.sin_family = AF_INET;
    addr->u.in4.sin_port = 0;
    addr->u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, &addr->u.sa, addr->len);
    addr->len = sizeof addr->u;
    getsockname(fd, &addr->u.sa, &addr->len);
    return fd;
}

static tw_sockaddr sockname(int fd)
{
    tw_sockaddr a = { .len = sizeof a.u };
    getsockname(fd, &a.u.sa, &a.len);
    return a;
}

struct main_frame {
    tw_coro co;
    int listener, client, conn, a, b;
    tw_sockaddr addr, peer, a_addr, b_addr, sender;
    tw_task *task;
    char buf[128];
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    f->listener = bound_socket(SOCK_STREAM, &f->addr);
    listen(f->listener, 100);
    f->client = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    f->task = tw_create_task(tw_sock_accept(loop, f->listener, &f->peer), NULL);
    TW_AWAIT(co, tw_sock_connect(loop, f->client, &f->addr));
    TW_AWAIT(co, f->task);
    f->conn = (int)TW_RESULT(co).i;
    {
        tw_sockaddr c = sockname(f->client);
        printf("sock_accept: the peer is the client: %s, the new socket is non-blocking: %s\n",
               tw_bool_str(tw_sockaddr_equal(&f->peer, &c)),
               tw_bool_str(fcntl(f->conn, F_GETFL) & O_NONBLOCK));
    }

    TW_AWAIT(co, tw_sock_sendall(loop, f->client, "hello over sock_sendall", 23));
    TW_AWAIT(co, tw_sock_recv(loop, f->conn, f->buf, 5));
    printf("sock_recv(5): b'%.*s'\n", (int)TW_RESULT(co).i, f->buf);
    TW_AWAIT(co, tw_sock_recv(loop, f->conn, f->buf, 64));
    printf("sock_recv_into: %d bytes, b'%.*s'\n", (int)TW_RESULT(co).i, (int)TW_RESULT(co).i,
           f->buf);

    f->task = tw_create_task(tw_sock_recv(loop, f->conn, f->buf, 100), NULL);
    TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, f->task);
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "the waiting sock_recv was not cancelled"));
    puts("a waiting sock_recv is cancelled");
    TW_AWAIT(co, tw_sock_sendall(loop, f->client, "after the cancel", 16));
    TW_AWAIT(co, tw_sock_recv(loop, f->conn, f->buf, 100));
    printf("the socket still works: b'%.*s'\n", (int)TW_RESULT(co).i, f->buf);
    close(f->client);
    TW_AWAIT(co, tw_sock_recv(loop, f->conn, f->buf, 100));
    printf("sock_recv at end of file: b'%.*s'\n", (int)TW_RESULT(co).i, f->buf);
    close(f->conn);
    close(f->listener);

    f->a = bound_socket(SOCK_DGRAM, &f->a_addr);
    f->b = bound_socket(SOCK_DGRAM, &f->b_addr);
    f->task = tw_create_task(tw_sock_recvfrom(loop, f->b, f->buf, 100, &f->sender), NULL);
    TW_AWAIT(co, tw_sleep(0));
    TW_AWAIT(co, tw_sock_sendto(loop, f->a, "datagram one", 12, &f->b_addr));
    printf("sock_sendto: %d bytes\n", (int)TW_RESULT(co).i);
    TW_AWAIT(co, f->task);
    printf("sock_recvfrom: b'%.*s' from a: %s\n", (int)TW_RESULT(co).i, f->buf,
           tw_bool_str(tw_sockaddr_equal(&f->sender, &f->a_addr)));
    TW_AWAIT(co, tw_sock_sendto(loop, f->a, "datagram two", 12, &f->b_addr));
    TW_AWAIT(co, tw_sock_recvfrom(loop, f->b, f->buf, 100, &f->sender));
    printf("sock_recvfrom_into: %d bytes, b'%.*s' from a: %s\n", (int)TW_RESULT(co).i,
           (int)TW_RESULT(co).i, f->buf, tw_bool_str(tw_sockaddr_equal(&f->sender, &f->a_addr)));
    close(f->a);
    close(f->b);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
