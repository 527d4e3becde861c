#line 2957 "chapters/tier7-examples.nw"
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

struct main_frame {
    tw_coro co;
    int sv[2];
    int i;
    char buf[64];
};

static const char *const names[] = { "sock_recv", "sock_recv_into", "sock_sendall",
                                     "sock_accept" };

static tw_coro *attempt(struct main_frame *f, tw_loop *loop, int i)
{
    switch (i) {
    case 0:
    case 1:
        return tw_sock_recv(loop, f->sv[0], f->buf, 1);
    case 2:
        return tw_sock_sendall(loop, f->sv[0], "x", 1);
    default:
        return tw_sock_accept(loop, f->sv[0], NULL);
    }
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv);   /* blocking */
    for (f->i = 0; f->i < 4; f->i++) {
        TW_AWAIT_TRY(co, attempt(f, loop, f->i));
        if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE))
            printf("%s on a blocking socket: ValueError: %s\n", names[f->i],
                   tw_error_str(TW_ERROR(co)));
    }
    fcntl(f->sv[0], F_SETFL, fcntl(f->sv[0], F_GETFL) | O_NONBLOCK);
    TW_AWAIT(co, tw_sock_sendall(loop, f->sv[0], "fine once non-blocking", 22));
    {
        ssize_t n = recv(f->sv[1], f->buf, sizeof f->buf, 0);
        printf("%.*s\n", (int)n, f->buf);
    }
    close(f->sv[0]);
    close(f->sv[1]);
    TW_END(co);
}

static tw_step debug_main(tw_coro *co)
{
    TW_BEGIN(co);
    tw_loop_set_debug(tw_get_running_loop(), true);        /* asyncio.run(..., debug=True) */
    TW_AWAIT(co, (tw_coro *)tw_coro_new(main_body, sizeof(struct main_frame)));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(debug_main, sizeof(tw_coro)), NULL));
}
