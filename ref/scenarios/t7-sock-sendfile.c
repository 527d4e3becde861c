#line 3039 "chapters/tier7-examples.nw"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tower.h"

#define LINES 100
#define LINE 21
#define COPIES 4000

struct receive_frame {
    tw_coro co;
    int fd;
    char *buf;
    size_t n, got;
};

static tw_step receive_body(tw_coro *co)
{
    struct receive_frame *f = (struct receive_frame *)co;
    TW_BEGIN(co);
    while (f->got < f->n) {
        TW_AWAIT(co, tw_sock_recv(tw_get_running_loop(), f->fd, f->buf + f->got, f->n - f->got));
        if (TW_RESULT(co).i == 0)
            break;
        f->got += (size_t)TW_RESULT(co).i;
    }
    TW_RETURN(co, TW_INT(f->got));
    TW_END(co);
}

/* Receives n bytes (fewer at end of file) into buf. */
static tw_coro *receive(int fd, char *buf, size_t n)
{
    struct receive_frame *f = tw_coro_new(receive_body, sizeof *f);
    f->fd = fd;
    f->buf = buf;
    f->n = n;
    return &f->co;
}

static void lines(const char *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (data[i] != '\n')
            putchar(data[i]);
        else if (i + 1 < n)
            fputs(" / ", stdout);
    }
}

static int file_of(const char *data, size_t n)
{
    FILE *tmp = tmpfile();
    int fd = dup(fileno(tmp));
    fclose(tmp);
    if (write(fd, data, n) != (ssize_t)n)
        abort();
    return fd;
}

static void say_error(const char *what, tw_coro *co)
{
    tw_error *e = TW_TAKE_ERROR(co);
    printf("%s: %s: %s\n", what, tw_error_type(e), tw_error_str(e));
    tw_unref(e);
}

struct main_frame {
    tw_coro co;
    int a, b, file, pipe[2];
    char *content, *big, *got;
    tw_task *task;
    int64_t sent;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    {
        int sv[2];
        socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv);
        f->a = sv[0];
        f->b = sv[1];
    }
    f->content = malloc(LINES * LINE + 1);
    for (int i = 0; i < LINES; i++)
        snprintf(f->content + i * LINE, LINE + 1, "line %03u of the file\n", (unsigned)i % 1000u);
    f->got = malloc((size_t)LINES * LINE * COPIES);
    f->file = file_of(f->content, LINES * LINE);
    lseek(f->file, 0, SEEK_SET);
    printf("the file: %d bytes\n", LINES * LINE);
    TW_AWAIT(co, tw_sock_sendfile(loop, f->a, f->file, 0, 0, true));
    f->sent = TW_RESULT(co).i;
    TW_AWAIT(co, receive(f->b, f->got, (size_t)f->sent));
    printf("whole file: sent %lld, received the file: %s, position after: %lld\n",
           (long long)f->sent,
           tw_bool_str(TW_RESULT(co).i == LINES * LINE
                       && memcmp(f->got, f->content, LINES * LINE) == 0),
           (long long)lseek(f->file, 0, SEEK_CUR));

    TW_AWAIT(co, tw_sock_sendfile(loop, f->a, f->file, 21, 42, true));
    f->sent = TW_RESULT(co).i;
    TW_AWAIT(co, receive(f->b, f->got, (size_t)f->sent));
    printf("offset=21 count=42: sent %lld, ", (long long)f->sent);
    lines(f->got, (size_t)TW_RESULT(co).i);
    printf(", position after: %lld\n", (long long)lseek(f->file, 0, SEEK_CUR));

    TW_AWAIT(co, tw_sock_sendfile(loop, f->a, f->file, 2100 - 21, 0, true));
    f->sent = TW_RESULT(co).i;
    TW_AWAIT(co, receive(f->b, f->got, (size_t)f->sent));
    printf("the last line from offset 2079: sent %lld, ", (long long)f->sent);
    lines(f->got, (size_t)TW_RESULT(co).i);
    printf(", position after: %lld\n", (long long)lseek(f->file, 0, SEEK_CUR));

    lseek(f->file, 7, SEEK_SET);
    TW_AWAIT(co, tw_sock_sendfile(loop, f->a, f->file, 5000, 0, true));
    printf("offset past the end: sent %lld, position unchanged: %lld\n",
           (long long)TW_RESULT(co).i, (long long)lseek(f->file, 0, SEEK_CUR));

    TW_AWAIT_TRY(co, tw_sock_sendfile(loop, f->a, f->file, -1, 0, true));
    say_error("{'offset': -1}", co);
    TW_AWAIT_TRY(co, tw_sock_sendfile(loop, f->a, f->file, 0, -1, true));
    say_error("{'count': -1}", co);
    close(f->file);

    f->file = file_of("", 0);
    TW_AWAIT(co, tw_sock_sendfile(loop, f->a, f->file, 0, 0, true));
    printf("an empty file: sent %lld\n", (long long)TW_RESULT(co).i);
    close(f->file);

    if (pipe2(f->pipe, O_CLOEXEC) < 0 || write(f->pipe[1], "through a pipe", 14) != 14)
        abort();
    TW_AWAIT_TRY(co, tw_sock_sendfile(loop, f->a, f->pipe[0], 0, 7, false));
    say_error("a pipe, fallback=False", co);
    TW_AWAIT_TRY(co, tw_sock_sendfile(loop, f->a, f->pipe[0], 0, 7, true));
    say_error("a pipe, fallback=True", co);
    TW_AWAIT(co, receive(f->b, f->got, 7));
    printf("  the peer received b'%.*s'\n", (int)TW_RESULT(co).i, f->got);
    close(f->pipe[0]);
    close(f->pipe[1]);

    f->file = file_of(f->content, LINES * LINE);
    {
        int u = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        f->pipe[0] = u;
    }
    TW_AWAIT_TRY(co, tw_sock_sendfile(loop, f->pipe[0], f->file, 0, 0, true));
    say_error("a datagram socket", co);
    close(f->pipe[0]);
    close(f->file);

    f->big = malloc((size_t)LINES * LINE * COPIES);
    for (int i = 0; i < COPIES; i++)
        memcpy(f->big + (size_t)i * LINES * LINE, f->content, LINES * LINE);
    f->file = file_of(f->big, (size_t)LINES * LINE * COPIES);
    lseek(f->file, 0, SEEK_SET);
    f->task = tw_create_task(tw_sock_sendfile(loop, f->a, f->file, 0, 0, true), NULL);
    TW_AWAIT(co, tw_sleep(0.1));
    tw_task_cancel(f->task, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->task));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "the blocked sendfile was not cancelled"));
    TW_CLEAR(co);
    printf("a blocked sendfile is cancelled: done %s\n", tw_bool_str(tw_future_done(tw_task_future(f->task))));
    tw_unref(f->task);
    shutdown(f->a, SHUT_WR);
    TW_AWAIT(co, receive(f->b, f->got, (size_t)LINES * LINE * COPIES));
    printf("the peer received a prefix of the file, not all of it: %s\n",
           tw_bool_str(TW_RESULT(co).i > 0 && TW_RESULT(co).i < LINES * LINE * COPIES
                       && memcmp(f->got, f->big, (size_t)TW_RESULT(co).i) == 0));
    close(f->file);
    close(f->a);
    close(f->b);
    free(f->content);
    free(f->big);
    free(f->got);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
