#line 1843 "chapters/tier8-examples.nw"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "tower.h"

static tw_protocol *factory(void *arg)
{
    static const tw_protocol_class cls = { .name = "Protocol" };
    (void)arg;
    return tw_protocol_new(&cls, sizeof(tw_protocol));
}

/* The error's text with the temporary folder written <tmp>. */
static void print_error(const char *what, const tw_error *e, const char *tmp)
{
    const char *s = tw_error_str(e), *at = tmp ? strstr(s, tmp) : NULL;
    printf("%s: OSError EADDRINUSE=%s: ", what, tw_bool_str(tw_os_error_errno(e) == EADDRINUSE));
    if (at)
        printf("%.*s<tmp>%s\n", (int)(at - s), s, at + strlen(tmp));
    else
        printf("%s\n", s);
}

/* A socket file with nobody behind it, as a closed Python socket leaves. */
static void leave_stale_socket(const char *path)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0)
        perror("stale socket");
    if (fd >= 0)
        close(fd);
}

struct main_frame { tw_coro co; tw_server *server; char tmp[32], path[64]; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->server)
        tw_unref(f->server);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    int fd;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_server(loop, factory, NULL, "127.0.0.1", 0, NULL));
    f->server = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_create_server(loop, factory, NULL, "127.0.0.1",
                                      tw_sockaddr_port(tw_server_sockname(f->server, 0)), NULL));
    if (tw_error_is(TW_ERROR(co), TW_ERR_OS))
        print_error("second server on the port", TW_ERROR(co), NULL);
    TW_CLEAR(co);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    f->server = NULL;

    snprintf(f->tmp, sizeof f->tmp, "/tmp/tower-XXXXXX");
    if (mkdtemp(f->tmp) == NULL)
        TW_RAISE(co, tw_error_os(errno, NULL));
    snprintf(f->path, sizeof f->path, "%s/stale.sock", f->tmp);
    leave_stale_socket(f->path);
    TW_AWAIT(co, tw_create_unix_server(loop, factory, NULL, f->path, NULL));
    f->server = TW_RESULT(co).p;
    printf("stale socket file replaced: serving=%s\n", tw_bool_str(tw_server_is_serving(f->server)));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->server);
    f->server = NULL;
    unlink(f->path);

    snprintf(f->path, sizeof f->path, "%s/file", f->tmp);
    if ((fd = open(f->path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) >= 0)
        close(fd);
    TW_AWAIT_TRY(co, tw_create_unix_server(loop, factory, NULL, f->path, NULL));
    if (tw_error_is(TW_ERROR(co), TW_ERR_OS))
        print_error("a regular file at the path", TW_ERROR(co), f->tmp);
    TW_CLEAR(co);
    unlink(f->path);
    rmdir(f->tmp);
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
