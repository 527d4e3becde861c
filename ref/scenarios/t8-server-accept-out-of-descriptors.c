#line 1963 "chapters/tier8-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static struct rlimit limit;
static tw_future *reported, *accepted;

static void handler(tw_loop *loop, const tw_context *ctx, void *data)
{
    (void)loop;
    (void)data;
    printf("handler: %s: %s, errno is EMFILE: %s\n", ctx->message, tw_error_type(ctx->error),
           tw_bool_str(tw_os_error_errno(ctx->error) == EMFILE));
    setrlimit(RLIMIT_NOFILE, &limit);
    tw_unref(tw_future_set_result(reported, TW_NONE));
}

static tw_error *greeter_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    printf("connection_made: the accept was tried again\n");
    tw_transport_close(t);
    return tw_future_set_result(accepted, TW_NONE);
}

static tw_protocol *greeter(void *arg)
{
    static const tw_protocol_class cls = { .name = "Greeter", .connection_made = greeter_made };
    (void)arg;
    return tw_protocol_new(&cls, sizeof(tw_protocol));
}

struct main_frame { tw_coro co; tw_server *server; int client; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->server)
        tw_unref(f->server);
    if (f->client >= 0)
        close(f->client);
    tw_unref(reported);
    tw_unref(accepted);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    const tw_sockaddr *addr;
    struct rlimit lowered;
    int lowest_free;
    TW_BEGIN(co);
    reported = tw_future_new(loop);
    accepted = tw_future_new(loop);
    getrlimit(RLIMIT_NOFILE, &limit);
    tw_loop_set_exception_handler(loop, handler, NULL);
    TW_AWAIT(co, tw_create_server(loop, greeter, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    addr = tw_server_sockname(f->server, 0);
    f->client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (f->client < 0 || connect(f->client, &addr->u.sa, addr->len) < 0)
        TW_RAISE(co, tw_error_os(errno, NULL));
    lowest_free = dup(0);
    close(lowest_free);
    lowered = (struct rlimit){ (rlim_t)lowest_free, limit.rlim_max };
    setrlimit(RLIMIT_NOFILE, &lowered);
    TW_AWAIT(co, tw_ref(reported));
    printf("still serving: %s\n", tw_bool_str(tw_server_is_serving(f->server)));
    TW_AWAIT(co, tw_ref(accepted));
    close(f->client);
    f->client = -1;
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    f->client = -1;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
