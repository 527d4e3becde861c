#line 2735 "chapters/tier8-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "tower.h"

static const tw_protocol_class plain_class = { .name = "Protocol" };
static tw_future *served;

static tw_error *served_lost(tw_protocol *p, tw_error *exc)
{
    (void)p, (void)exc;
    return tw_future_set_result(served, TW_NONE);
}

static const tw_protocol_class served_class = { .name = "Served",
                                                .connection_lost = served_lost };

static tw_protocol *plain_factory(void *arg)
{
    return tw_protocol_new(arg ? arg : &plain_class, sizeof(tw_protocol));
}

/* Prints how the attempt awaited last ended; returns its result or NULL. */
static void *attempt(const char *label, tw_coro *co)
{
    tw_error *e = TW_TAKE_ERROR(co);
    const char *msg, *got;
    if (e == NULL) {
        printf("%s: accepted\n", label);
        return TW_RESULT(co).p;
    }
    msg = tw_error_str(e);
    got = strstr(msg, ", got ");
    printf("%s: %s: %.*s\n", label, tw_error_type(e), got ? (int)(got - msg) : (int)strlen(msg),
           msg);
    tw_unref(e);
    return NULL;
}

static bool exists(const char *path, mode_t type)
{
    struct stat st;
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

struct main_frame {
    tw_coro co;
    tw_server *server, *second;
    tw_transport *t;
    int listener, tcp, spare;
    char dir[64];
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    served = tw_future_new(loop);
    snprintf(f->dir, sizeof f->dir, "%s", "/tmp/tower-unix-XXXXXX");
    if (mkdtemp(f->dir) == NULL || chdir(f->dir) < 0)
        abort();

    TW_AWAIT(co, tw_create_unix_server(loop, plain_factory, NULL, "sock", NULL));
    f->server = TW_RESULT(co).p;
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    printf("after close, the socket file is still there: %s\n",
           tw_bool_str(exists("sock", S_IFSOCK)));
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, "sock", NULL));
    f->server = attempt("a server on a stale socket file", co);
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, (void *)&served_class, "sock",
                                           NULL));
    f->second = attempt("a second server on a live socket file", co);
    TW_AWAIT(co, tw_create_unix_connection(loop, plain_factory, NULL, "sock", -1));
    f->t = TW_RESULT(co).p;
    {
        char buf[TW_ADDRSTRLEN];
        printf("a connection by path: peername '%s'\n",
               tw_sockaddr_host(tw_transport_get_extra_info(f->t, "peername", TW_NONE).p, buf));
    }
    tw_transport_close(f->t);
    tw_unref(f->t);
    TW_AWAIT(co, tw_ref(served));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_server_close(f->second);
    TW_AWAIT(co, tw_server_wait_closed(f->second));
    tw_unref(f->server);
    tw_unref(f->second);

    fclose(fopen("regular", "w"));
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, "regular", NULL));
    attempt("a server on a regular file", co);
    printf("  the regular file is left alone: %s\n", tw_bool_str(exists("regular", S_IFREG)));
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, "missing/sock", NULL));
    attempt("a server in a missing directory", co);

    {
        struct sockaddr_un a = { .sun_family = AF_UNIX, .sun_path = "given" };
        f->listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        bind(f->listener, (struct sockaddr *)&a, sizeof a);
    }
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, NULL,
        &(tw_server_options){ .use_sock = true, .sock = f->listener }));
    f->server = attempt("a server on a socket given with sock=", co);
    printf("  it serves: %s\n", tw_bool_str(tw_server_is_serving(f->server)));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);

    f->tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    f->spare = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, "other",
        &(tw_server_options){ .use_sock = true, .sock = f->spare }));
    attempt("a server with path and sock", co);
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, NULL, NULL));
    attempt("a server with neither", co);
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, plain_factory, NULL, NULL,
        &(tw_server_options){ .use_sock = true, .sock = f->tcp }));
    attempt("a server on a TCP socket", co);
    TW_AWAIT_TRY(co, tw_create_unix_connection(loop, plain_factory, NULL, "nothing", -1));
    attempt("a connection to no socket file", co);
    TW_AWAIT_TRY(co, tw_create_unix_connection(loop, plain_factory, NULL, "sock", f->spare));
    attempt("a connection with path and sock", co);
    TW_AWAIT_TRY(co, tw_create_unix_connection(loop, plain_factory, NULL, NULL, -1));
    attempt("a connection with neither", co);
    TW_AWAIT_TRY(co, tw_create_unix_connection(loop, plain_factory, NULL, NULL, f->tcp));
    attempt("a connection on a TCP socket", co);
    close(f->tcp);
    close(f->spare);
    unlink("sock");
    unlink("given");
    unlink("regular");
    chdir("/");
    rmdir(f->dir);
    tw_unref(served);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
