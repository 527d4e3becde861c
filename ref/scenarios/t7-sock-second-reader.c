#line 4064 "chapters/tier7-examples.nw"
#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

struct settle_frame { tw_coro co; int i; };

static tw_step settle_body(tw_coro *co)
{
    struct settle_frame *f = (struct settle_frame *)co;
    TW_BEGIN(co);
    for (f->i = 0; f->i < 10; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

static tw_coro *settle(void)
{
    return tw_coro_new(settle_body, sizeof(struct settle_frame));
}

static bool waiting(tw_task *t)
{
    return !tw_future_done(tw_task_future(t));
}

/* A blocking client connected to address. */
static int client_of(const tw_sockaddr *address)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (connect(fd, &address->u.sa, address->len) < 0)
        perror("connect");
    return fd;
}

static bool same_peer(int conn, int client)
{
    tw_sockaddr a = { .len = sizeof a.u }, b = { .len = sizeof b.u };
    getpeername(conn, &a.u.sa, &a.len);
    getsockname(client, &b.u.sa, &b.len);
    return tw_sockaddr_equal(&a, &b);
}

struct main_frame {
    tw_coro co;
    int sv[2], listener, client;
    tw_task *first, *second;
    tw_sockaddr address;
    char buf1[100], buf2[100], buf3[100];
};

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->first)
        tw_unref(f->first);
    if (f->second)
        tw_unref(f->second);
}

/* The two tasks of a round: the old ones dropped, each new one started. */
static void replace(tw_task **slot, tw_coro *coro)
{
    if (*slot)
        tw_unref(*slot);
    *slot = tw_create_task(coro, NULL);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv);

    /* Two sock_recv calls wait on one socket: the second takes the socket's
       reader over, and the first is left waiting. */
    replace(&f->first, tw_sock_recv(loop, f->sv[0], f->buf1, sizeof f->buf1));
    TW_AWAIT(co, settle());
    replace(&f->second, tw_sock_recv(loop, f->sv[0], f->buf2, sizeof f->buf2));
    TW_AWAIT(co, settle());
    send(f->sv[1], "one", 3, 0);
    TW_AWAIT(co, tw_ref(f->second));
    printf("the second sock_recv gets b'%.*s'\n", (int)TW_RESULT(co).i, f->buf2);
    TW_AWAIT(co, settle());
    printf("the first is still waiting: %s\n", tw_bool_str(waiting(f->first)));
    send(f->sv[1], "two", 3, 0);
    TW_AWAIT(co, settle());
    printf("and new data does not wake it: %s\n", tw_bool_str(waiting(f->first)));
    TW_AWAIT(co, tw_sock_recv(loop, f->sv[0], f->buf3, sizeof f->buf3));
    printf("a new sock_recv gets what came: b'%.*s'\n", (int)TW_RESULT(co).i, f->buf3);
    tw_task_cancel(f->first, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->first));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("the first ends only when cancelled\n");

    /* Cancelling the reader that was replaced leaves the one that replaced it. */
    replace(&f->first, tw_sock_recv(loop, f->sv[0], f->buf1, sizeof f->buf1));
    TW_AWAIT(co, settle());
    replace(&f->second, tw_sock_recv(loop, f->sv[0], f->buf2, sizeof f->buf2));
    TW_AWAIT(co, settle());
    tw_task_cancel(f->first, NULL);
    TW_AWAIT(co, settle());
    send(f->sv[1], "three", 5, 0);
    TW_AWAIT(co, tw_ref(f->second));
    printf("first cancelled, the second still gets b'%.*s': %s\n", (int)TW_RESULT(co).i, f->buf2,
           tw_bool_str(tw_future_cancelled(tw_task_future(f->first))));

    /* sock_accept the same way. */
    f->listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    f->address.len = sizeof f->address.u.in4;
    f->address.u.in4 = (struct sockaddr_in){ .sin_family = AF_INET,
                                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(f->listener, &f->address.u.sa, f->address.len);
    listen(f->listener, 100);
    getsockname(f->listener, &f->address.u.sa, &f->address.len);
    replace(&f->first, tw_sock_accept(loop, f->listener, NULL));
    TW_AWAIT(co, settle());
    replace(&f->second, tw_sock_accept(loop, f->listener, NULL));
    TW_AWAIT(co, settle());
    f->client = client_of(&f->address);
    TW_AWAIT(co, tw_ref(f->second));
    printf("the second sock_accept gets the connection: %s\n",
           tw_bool_str(same_peer((int)TW_RESULT(co).i, f->client)));
    close((int)TW_RESULT(co).i);
    close(f->client);
    TW_AWAIT(co, settle());
    printf("the first sock_accept is still waiting: %s\n", tw_bool_str(waiting(f->first)));
    tw_task_cancel(f->first, NULL);
    f->client = client_of(&f->address);
    TW_AWAIT(co, tw_sock_accept(loop, f->listener, NULL));
    printf("after cancelling it the listener accepts again: %s\n",
           tw_bool_str(same_peer((int)TW_RESULT(co).i, f->client)));
    close((int)TW_RESULT(co).i);
    close(f->client);
    close(f->listener);
    close(f->sv[0]);
    close(f->sv[1]);
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
