#line 1040 "chapters/tier8-examples.nw"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static int made;

static tw_error *p_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    (void)t;
    made++;
    return NULL;
}

static const tw_protocol_class p_class = { .name = "P", .connection_made = p_made };

static tw_protocol *factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&p_class, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; int holder, port; };

static bool refused(const tw_error *e)
{
    return e && strcmp(tw_error_type(e), "ConnectionRefusedError") == 0;
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        tw_sockaddr a = { .len = sizeof a.u.in4 };
        a.u.in4.sin_family = AF_INET;
        a.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        f->holder = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        bind(f->holder, &a.u.sa, a.len);
        a.len = sizeof a.u;
        getsockname(f->holder, &a.u.sa, &a.len);
        f->port = tw_sockaddr_port(&a);
    }
    TW_AWAIT_TRY(co, tw_create_connection(loop, factory, NULL, "127.0.0.1", f->port));
    if (refused(TW_ERROR(co))) {
        printf("create_connection raised %s\n", tw_error_type(TW_ERROR(co)));
        printf("it is an OSError: %s\n", tw_bool_str(tw_error_is(TW_ERROR(co), TW_ERR_OS)));
    } else if (TW_ERROR(co) == NULL) {
        printf("connected?\n");
        tw_unref((tw_transport *)TW_RESULT(co).p);
    } else
        TW_RERAISE(co);
    printf("protocol connection_made calls: %d\n", made);
    TW_AWAIT_TRY(co, tw_create_connection(loop, factory, NULL, "127.0.0.1", f->port));
    if (refused(TW_ERROR(co)))
        printf("open_connection raised %s\n", tw_error_type(TW_ERROR(co)));
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    else
        tw_unref((tw_transport *)TW_RESULT(co).p);
    close(f->holder);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
