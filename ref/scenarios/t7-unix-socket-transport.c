#line 1251 "chapters/tier7-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static char path[128], facts[2][80];
static tw_future *got, *lost;

static bool is_path(const tw_sockaddr *a)
{
    char host[TW_ADDRSTRLEN];
    return tw_sockaddr_family(a) == AF_UNIX && strcmp(tw_sockaddr_host(a, host), path) == 0;
}

static int family_of(int fd)
{
    int family = 0;
    socklen_t len = sizeof family;
    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len);
    return family;
}

struct peer { tw_protocol base; tw_transport *transport; char data[64]; size_t n; };

static bool take_line(struct peer *e, const void *data, size_t n)
{
    if (e->n + n <= sizeof e->data) {
        memcpy(e->data + e->n, data, n);
        e->n += n;
    }
    return e->n > 0 && e->data[e->n - 1] == '\n';
}

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    ((struct peer *)p)->transport = t;
    snprintf(facts[0], sizeof facts[0], "server sockname is the path: %s",
             tw_bool_str(is_path(
                 tw_transport_get_extra_info(t, "sockname", TW_NONE).p)));
    snprintf(facts[1], sizeof facts[1], "server socket family is AF_UNIX: %s",
             tw_bool_str(family_of((int)tw_transport_get_extra_info(t, "socket",
                                                                    TW_NONE).i)
                         == AF_UNIX));
    return NULL;
}

static tw_error *server_data(tw_protocol *p, const void *data, size_t n)
{
    if (take_line((struct peer *)p, data, n))
        return tw_transport_write(((struct peer *)p)->transport, "pong\n", 5);
    return NULL;
}

static tw_error *server_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    return tw_future_set_result(lost, TW_STR(exc ? tw_error_str(exc) : "None"));
}

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    struct peer *e = (struct peer *)p;
    if (take_line(e, data, n))
        return tw_future_set_result(got, TW_PTR(e));
    return NULL;
}

static const tw_protocol_class server_class = {
    .name = "Server", .connection_made = server_made, .data_received = server_data,
    .connection_lost = server_lost,
};
static const tw_protocol_class client_class = { .name = "Client", .data_received = client_data };

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(struct peer));
}

struct main_frame { tw_coro co; char tmp[64]; tw_server *server; tw_transport *t; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct peer *answer;
    TW_BEGIN(co);
    got = tw_future_new(loop);
    lost = tw_future_new(loop);
    strcpy(f->tmp, "/tmp/tower-XXXXXX");
    if (mkdtemp(f->tmp) == NULL)
        TW_RAISE(co, tw_error_os(errno, NULL));
    snprintf(path, sizeof path, "%s/tower.sock", f->tmp);
    TW_AWAIT(co, tw_create_unix_server(loop, factory, (void *)&server_class, path, NULL));
    f->server = TW_RESULT(co).p;
    printf("listening socket family is AF_UNIX: %s\n",
           tw_bool_str(family_of(tw_server_socket(f->server, 0)) == AF_UNIX));
    TW_AWAIT(co, tw_create_unix_connection(loop, factory, (void *)&client_class, path, -1));
    f->t = TW_RESULT(co).p;
    printf("client peername is the path: %s\n",
           tw_bool_str(is_path(
               tw_transport_get_extra_info(f->t, "peername", TW_NONE).p)));
    tw_transport_write(f->t, "ping\n", 5);
    TW_AWAIT(co, tw_ref(got));
    answer = TW_RESULT(co).p;
    printf("client received: %.*s\n", (int)answer->n - 1, answer->data);
    printf("%s\n%s\n", facts[0], facts[1]);
    tw_transport_close(f->t);
    TW_AWAIT(co, tw_ref(lost));
    printf("server connection_lost argument: %s\n", TW_RESULT(co).s);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    unlink(path);
    rmdir(f->tmp);
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(got);
    tw_unref(lost);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
