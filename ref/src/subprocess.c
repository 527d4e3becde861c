#line 2114 "chapters/tier5-executors.nw"
/* subprocess.c -- starting children, the subprocess transport and its pipes */
#include "tier5.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#line 2176 "chapters/tier5-executors.nw"
enum { FAILED_EXEC, FAILED_CHDIR, FAILED_SETUP };

struct spawn {
    char *const *argv;
    char *const *envp;                  /* NULL: the parent's */
    const char *cwd;
    char **candidates;                  /* the paths to try, in order */
    int src[3];                         /* what becomes 0, 1, 2; -1: left as it is */
    bool stderr_to_stdout;
    sigset_t mask;
};

static int fd_high(int fd)
{
    if (fd >= 0 && fd < 3) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, 3), e = errno;
        close(fd);
        errno = e;
        return high;
    }
    return fd;
}

static int pipe_high(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    fds[0] = fd_high(fds[0]);
    fds[1] = fd_high(fds[1]);
    if (fds[0] >= 0 && fds[1] >= 0)
        return 0;
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    return -1;
}
#line 2216 "chapters/tier5-executors.nw"
static void __attribute__((noreturn)) child_fail(int errfd, int step)
{
    int report[2] = { errno, step };
    if (write(errfd, report, sizeof report) < 0)
        _exit(254);
    _exit(255);
}

static void __attribute__((noreturn)) child_exec(const struct spawn *sp, int errfd)
{
    struct sigaction dfl;
    int saved = 0;
    for (int i = 0; i < 3; i++)
        if (sp->src[i] >= 0 && (sp->src[i] == i ? fcntl(i, F_SETFD, 0) : dup2(sp->src[i], i)) < 0)
            child_fail(errfd, FAILED_SETUP);
    if (sp->stderr_to_stdout && dup2(1, 2) < 0)
        child_fail(errfd, FAILED_SETUP);
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGPIPE, &dfl, NULL);
    sigaction(SIGXFSZ, &dfl, NULL);
    sigprocmask(SIG_SETMASK, &sp->mask, NULL);
    if (sp->cwd && chdir(sp->cwd) < 0)
        child_fail(errfd, FAILED_CHDIR);
    for (char **path = sp->candidates; *path; path++) {
        execve(*path, sp->argv, sp->envp ? sp->envp : environ);
        if (errno != ENOENT && errno != ENOTDIR && saved == 0)
            saved = errno;              /* report the first real error, as execvp does */
    }
    if (saved)
        errno = saved;
    child_fail(errfd, FAILED_EXEC);
}
#line 2262 "chapters/tier5-executors.nw"
char **tw__strv_dup(const char *const *v)
{
    size_t n = 0;
    char **copy;
    if (v == NULL)
        return NULL;
    while (v[n])
        n++;
    copy = tw__alloc((n + 1) * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = tw__strdup(v[i]);
    return copy;
}

void tw__strv_free(char **v)
{
    for (char **p = v; p && *p; p++)
        free(*p);
    free(v);
}

static const char *env_get(char *const *envp, const char *name)
{
    size_t n = strlen(name);
    if (envp == NULL)
        return getenv(name);
    for (; *envp; envp++)
        if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
            return *envp + n + 1;
    return NULL;
}

static char **exec_candidates(const char *program, char *const *envp)
{
    const char *path = env_get(envp, "PATH"), *dir;
    size_t n = 1, plen = strlen(program);
    char **v;
    if (strchr(program, '/')) {
        v = tw__alloc(2 * sizeof *v);
        v[0] = tw__strdup(program);
        return v;
    }
    if (path == NULL)
        path = "/bin:/usr/bin";
    for (const char *c = path; *c; c++)
        n += *c == ':';
    v = tw__alloc((n + 1) * sizeof *v);
    n = 0;
    for (dir = path;; dir++) {
        size_t dlen = strcspn(dir, ":");
        char *full = tw__alloc(dlen + plen + 2);
        if (dlen) {
            memcpy(full, dir, dlen);
            full[dlen] = '/';
            memcpy(full + dlen + 1, program, plen);
        } else
            memcpy(full, program, plen);
        v[n++] = full;
        dir += dlen;
        if (*dir == 0)
            break;
    }
    return v;
}
#line 2336 "chapters/tier5-executors.nw"
static atomic_bool no_pidfd;

static tw_error *spawn_child(const struct spawn *sp, pid_t *pid, int *pidfd)
{
    int errpipe[2], report[2], e;
    ssize_t n;
    if (pipe_high(errpipe) < 0)
        return tw_os_error_new(errno, NULL);
    *pid = fork();
    if (*pid == 0)
        child_exec(sp, errpipe[1]);
    e = errno;
    close(errpipe[1]);
    if (*pid < 0) {
        close(errpipe[0]);
        return tw_os_error_new(e, NULL);
    }
    do
        n = read(errpipe[0], report, sizeof report);
    while (n < 0 && errno == EINTR);
    close(errpipe[0]);
    if (n == (ssize_t)sizeof report) {
        while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
            ;
        return tw_os_error_new(report[0], report[1] == FAILED_CHDIR ? sp->cwd
                                          : report[1] == FAILED_EXEC ? sp->argv[0] : NULL);
    }
    *pidfd = atomic_load(&no_pidfd) ? -1 : pidfd_open(*pid, 0);
    if (*pidfd < 0 && (atomic_load(&no_pidfd) || errno == ENOSYS)) {
        atomic_store(&no_pidfd, true);
        return NULL;
    }
    if (*pidfd < 0) {
        e = errno;
        kill(*pid, SIGKILL);
        while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
            ;
        return tw_os_error_new(e, NULL);
    }
    return NULL;
}
#line 2390 "chapters/tier5-executors.nw"
struct tw_pipe_transport {
    tw_subprocess_transport *proc;
    int fd;                             /* the parent's end; -1 once closed */
    int childfd;                        /* 0, 1 or 2 */
    bool writer, closing, disconnected, paused, protocol_paused;
    unsigned char *buf;                 /* a write pipe's buffer: buf[head..head+len) */
    size_t head, len, cap;
    unsigned conn_lost;
};

struct tw_subprocess_transport {
    tw_future hdr;
    tw_loop *loop;
    const tw_subprocess_protocol *proto;
    void *self;
    bool has_protocol;
    pid_t pid;
    int pidfd;
    bool reaped, exited, closed, finished, lost;
    int returncode;
    tw_pipe_transport *pipes[3];
    tw_future *exit_watch;              /* without a pidfd: the thread that waits */
    tw_future **waiters;
    size_t nwaiters;
    tw__resource res;                   /* attached while the loop holds the child */
};

enum { WRITE_HIGH = 64 * 1024, WRITE_LOW = 16 * 1024 };
#line 2432 "chapters/tier5-executors.nw"
enum { CALL_CONNECTION_MADE, CALL_PIPE_DATA, CALL_PIPE_CLOSED, CALL_PIPE_LOST, CALL_EXITED,
       CALL_PROCESS_EXITED, CALL_CONNECTION_LOST };

struct protocol_call {
    tw_future hdr;
    tw_subprocess_transport *t;
    int what, n;                        /* n: a descriptor, or the return code */
    tw_error *exc;
    size_t len;
    unsigned char data[];
};

static void call_finalize(tw_future *f)
{
    struct protocol_call *c = (struct protocol_call *)f;
    tw_error_unref(c->exc);
    tw_unref(c->t);
}

static const tw__future_class call_class = { "subprocess call", NULL, call_finalize, NULL };

static tw_error *run_call(void *arg);

static void call_later(tw_subprocess_transport *t, int what, int n, tw_error *exc,
                       const void *data, size_t len)
{
    struct protocol_call *c = tw__alloc(sizeof *c + len);
    tw__future_init(&c->hdr, t->loop, TW_KIND_FUTURE, &call_class);
    c->t = tw_ref(t);
    c->what = what;
    c->n = n;
    c->exc = tw_error_ref(exc);
    c->len = len;
    if (len)
        memcpy(c->data, data, len);
    tw__schedule(t->loop, run_call, c, c);
    tw_unref(c);                        /* the handle holds it now */
}

static void report(tw_loop *L, const char *message, tw_error *err)
{
    if (err) {
        tw_context ctx = { .message = message, .error = err };
        tw_loop_call_exception_handler(L, &ctx);
        tw_error_unref(err);
    }
}
#line 2482 "chapters/tier5-executors.nw"
static void pipe_closed(tw_pipe_transport *p, tw_error *exc);
static void process_exited(tw_subprocess_transport *t, int code);
static tw_error *connection_lost(tw_subprocess_transport *t);

static tw_error *run_call(void *arg)
{
    struct protocol_call *c = arg;
    tw_subprocess_transport *t = c->t;
    const tw_subprocess_protocol *p = t->proto;
    switch (c->what) {
    case CALL_PIPE_CLOSED:
        pipe_closed(t->pipes[c->n], c->exc);
        return NULL;
    case CALL_EXITED:
        process_exited(t, c->n);
        return NULL;
    case CALL_CONNECTION_LOST:
        return connection_lost(t);
    default:
        break;
    }
    if (!t->has_protocol)
        return NULL;
    switch (c->what) {
    case CALL_CONNECTION_MADE:
        return p->connection_made ? p->connection_made(t->self, t) : NULL;
    case CALL_PIPE_DATA:
        return p->pipe_data_received
             ? p->pipe_data_received(t->self, c->n, c->data, c->len) : NULL;
    case CALL_PIPE_LOST:
        return p->pipe_connection_lost ? p->pipe_connection_lost(t->self, c->n, c->exc) : NULL;
    default:
        return p->process_exited ? p->process_exited(t->self) : NULL;
    }
}
#line 2528 "chapters/tier5-executors.nw"
static void pipe_close_with(tw_pipe_transport *p, tw_error *exc)
{
    tw_loop *L = p->proc->loop;
    p->closing = true;
    if (p->len)
        tw_loop_remove_writer(L, p->fd);
    p->head = p->len = 0;
    tw_loop_remove_reader(L, p->fd);
    call_later(p->proc, CALL_PIPE_CLOSED, p->childfd, exc, NULL, 0);
}

static tw_error *read_ready(void *arg)
{
    tw_pipe_transport *p = arg;
    unsigned char buf[65536];
    ssize_t n = read(p->fd, buf, sizeof buf);
    if (n > 0)
        call_later(p->proc, CALL_PIPE_DATA, p->childfd, NULL, buf, (size_t)n);
    else if (n == 0) {
        p->closing = true;
        tw_loop_remove_reader(p->proc->loop, p->fd);
        call_later(p->proc, CALL_PIPE_CLOSED, p->childfd, NULL, NULL, 0);
    } else if (errno != EAGAIN && errno != EINTR) {
        tw_error *e = tw_os_error_new(errno, NULL);
        pipe_close_with(p, e);
        tw_error_unref(e);
    }
    return NULL;
}
#line 2564 "chapters/tier5-executors.nw"
static void try_finish(tw_subprocess_transport *t);

static void pipe_closed(tw_pipe_transport *p, tw_error *exc)
{
    if (p->fd >= 0) {
        close(p->fd);
        p->fd = -1;
    }
    p->disconnected = true;
    call_later(p->proc, CALL_PIPE_LOST, p->childfd, exc, NULL, 0);
    try_finish(p->proc);
}
#line 2593 "chapters/tier5-executors.nw"
static ssize_t write_quietly(int fd, const void *data, size_t len)
{
    sigset_t pipe_only, old, pending;
    ssize_t n;
    int e;
    bool was_pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    sigpending(&pending);
    was_pending = sigismember(&pending, SIGPIPE) == 1;
    n = write(fd, data, len);
    e = errno;
    if (n < 0 && e == EPIPE && !was_pending) {
        struct timespec zero = { 0, 0 };
        sigtimedwait(&pipe_only, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return n;
}

static void maybe_pause_protocol(tw_pipe_transport *p)
{
    tw_subprocess_transport *t = p->proc;
    if (p->len <= WRITE_HIGH || p->protocol_paused)
        return;
    p->protocol_paused = true;
    if (t->has_protocol && t->proto->pause_writing)
        report(t->loop, "protocol.pause_writing() failed", t->proto->pause_writing(t->self));
}

static void maybe_resume_protocol(tw_pipe_transport *p)
{
    tw_subprocess_transport *t = p->proc;
    if (!p->protocol_paused || p->len > WRITE_LOW)
        return;
    p->protocol_paused = false;
    if (t->has_protocol && t->proto->resume_writing)
        report(t->loop, "protocol.resume_writing() failed", t->proto->resume_writing(t->self));
}

static tw_error *write_ready(void *arg)
{
    tw_pipe_transport *p = arg;
    tw_loop *L = p->proc->loop;
    ssize_t n = write_quietly(p->fd, p->buf + p->head, p->len);
    if (n < 0) {
        tw_error *e;
        if (errno == EAGAIN || errno == EINTR)
            return NULL;
        e = tw_os_error_new(errno, NULL);
        tw_loop_remove_writer(L, p->fd);
        p->head = p->len = 0;
        p->conn_lost++;
        pipe_close_with(p, e);
        tw_error_unref(e);
        return NULL;
    }
    p->head += (size_t)n;
    p->len -= (size_t)n;
    if (p->len == 0) {
        p->head = 0;
        tw_loop_remove_writer(L, p->fd);
        maybe_resume_protocol(p);
        if (p->closing) {
            tw_loop_remove_reader(L, p->fd);
            pipe_closed(p, NULL);
        }
    }
    return NULL;
}

static tw_error *write_pipe_peer_closed(void *arg)
{
    tw_pipe_transport *p = arg;
    tw_error *e = p->len ? tw__os_error(EPIPE, 0, NULL, NULL) : NULL;
    pipe_close_with(p, e);
    tw_error_unref(e);
    return NULL;
}
#line 2677 "chapters/tier5-executors.nw"
tw_error *tw_pipe_transport_write(tw_pipe_transport *p, const void *data, size_t len)
{
    const unsigned char *d = data;
    if (!p->writer)
        return tw_error_new(TW_ERR_RUNTIME, "write() on a read pipe transport");
    if (len == 0)
        return NULL;
    if (p->conn_lost || p->closing) {
        p->conn_lost++;                 /* dropped, as asyncio drops it */
        return NULL;
    }
    if (p->len == 0) {
        ssize_t n = write_quietly(p->fd, d, len);
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            tw_error *e = tw_os_error_new(errno, NULL);
            p->conn_lost++;
            pipe_close_with(p, e);
            tw_error_unref(e);
            return NULL;
        }
        if (n < 0)
            n = 0;
        if ((size_t)n == len)
            return NULL;
        d += n;
        len -= (size_t)n;
        tw_error_unref(tw_loop_add_writer(p->proc->loop, p->fd, write_ready, p));
    }
    if (p->head + p->len + len > p->cap) {
        if (p->head) {
            memmove(p->buf, p->buf + p->head, p->len);
            p->head = 0;
        }
        if (p->len + len > p->cap) {
            p->cap = 2 * (p->len + len);
            p->buf = tw__realloc(p->buf, p->cap);
        }
    }
    memcpy(p->buf + p->head + p->len, d, len);
    p->len += len;
    maybe_pause_protocol(p);
    return NULL;
}

void tw_pipe_transport_close(tw_pipe_transport *p)
{
    if (p->closing)
        return;
    if (!p->writer) {
        pipe_close_with(p, NULL);
        return;
    }
    p->closing = true;                  /* write_eof: flush, then close */
    if (p->len == 0) {
        tw_loop_remove_reader(p->proc->loop, p->fd);
        call_later(p->proc, CALL_PIPE_CLOSED, p->childfd, NULL, NULL, 0);
    }
}

bool tw_pipe_transport_is_closing(const tw_pipe_transport *p) { return p->closing; }
size_t tw_pipe_transport_get_write_buffer_size(const tw_pipe_transport *p) { return p->len; }

void tw_pipe_transport_pause_reading(tw_pipe_transport *p)
{
    if (p->writer || p->closing || p->paused)
        return;
    p->paused = true;
    tw_loop_remove_reader(p->proc->loop, p->fd);
}

void tw_pipe_transport_resume_reading(tw_pipe_transport *p)
{
    if (p->writer || p->closing || !p->paused)
        return;
    p->paused = false;
    tw_error_unref(tw_loop_add_reader(p->proc->loop, p->fd, read_ready, p));
}
#line 2108 "chapters/tier7-transports.nw"
ssize_t tw__write_quietly(int fd, const void *data, size_t len)
{
    return write_quietly(fd, data, len);
}
#line 2764 "chapters/tier5-executors.nw"
static void reap(tw_subprocess_transport *t)
{
    int status = 0, code;
    pid_t r;
    do
        r = waitpid(t->pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0 || t->reaped)
        return;
    t->reaped = true;
    code = r < 0 ? 255                  /* reaped by someone else: asyncio says 255 */
         : WIFEXITED(status) ? WEXITSTATUS(status)
         : WIFSIGNALED(status) ? -WTERMSIG(status) : 255;
    call_later(t, CALL_EXITED, code, NULL, NULL, 0);
}

static tw_error *pidfd_ready(void *arg)
{
    tw_subprocess_transport *t = arg;
    reap(t);
    if (t->reaped) {
        tw_loop_remove_reader(t->loop, t->pidfd);
        close(t->pidfd);
        t->pidfd = -1;
    }
    return NULL;
}
#line 2803 "chapters/tier5-executors.nw"
static tw_error *wait_for_exit(void *pid, tw_value *result)
{
    siginfo_t info;
    (void)result;
    while (waitid(P_PID, (id_t)(intptr_t)pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR)
        ;
    return NULL;
}

static tw_error *exit_seen(tw_future *f, void *arg)
{
    (void)f;
    reap(arg);
    return NULL;
}

static tw_error *watch_exit(tw_subprocess_transport *t)
{
    tw_loop *L = t->loop;
    tw_error *err;
    if (t->pidfd >= 0)
        return tw_loop_add_reader(L, t->pidfd, pidfd_ready, t);
    if (L->child_watcher == NULL
        && (err = tw_thread_pool_new(INT_MAX, &L->child_watcher)) != NULL)
        return err;
    err = tw_run_in_executor(L, L->child_watcher, wait_for_exit, (void *)(intptr_t)t->pid,
                             &t->exit_watch);
    if (err == NULL)
        tw__future_add_callback(t->exit_watch, exit_seen, t, tw_ref(t));
    return err;
}

static void process_exited(tw_subprocess_transport *t, int code)
{
    t->exited = true;
    t->returncode = code;
    call_later(t, CALL_PROCESS_EXITED, 0, NULL, NULL, 0);
    try_finish(t);
}
#line 2853 "chapters/tier5-executors.nw"
static void drop_protocol(tw_subprocess_transport *t)
{
    if (t->has_protocol) {
        t->has_protocol = false;
        if (t->proto->unref)
            t->proto->unref(t->self);
    }
}

static void unlist(tw_subprocess_transport *t)
{
    if (!tw__resource_attached(&t->res))
        return;
    tw__resource_detach(t->loop, &t->res);
    tw_unref(t);
}

static void try_finish(tw_subprocess_transport *t)
{
    if (!t->exited || t->finished)
        return;
    for (int i = 0; i < 3; i++)
        if (t->pipes[i] && !t->pipes[i]->disconnected)
            return;
    t->finished = true;
    call_later(t, CALL_CONNECTION_LOST, 0, NULL, NULL, 0);
}

static tw_error *connection_lost(tw_subprocess_transport *t)
{
    tw_error *err = t->has_protocol && t->proto->connection_lost
                  ? t->proto->connection_lost(t->self, NULL) : NULL;
    t->lost = true;
    for (size_t i = 0; i < t->nwaiters; i++) {
        if (!tw_future_done(t->waiters[i]))
            tw_future_set_result(t->waiters[i], TW_INT(t->returncode));
        tw_unref(t->waiters[i]);
    }
    free(t->waiters);
    t->waiters = NULL;
    t->nwaiters = 0;
    drop_protocol(t);
    unlist(t);
    return err;
}
#line 2906 "chapters/tier5-executors.nw"
static void release_system(tw_subprocess_transport *t)
{
    tw_loop *L = t->loop;
    for (int i = 0; i < 3; i++) {
        tw_pipe_transport *p = t->pipes[i];
        if (p && p->fd >= 0) {
            tw_loop_remove_reader(L, p->fd);
            tw_loop_remove_writer(L, p->fd);
            close(p->fd);
            p->fd = -1;
            p->closing = p->disconnected = true;
        }
    }
    if (t->pidfd >= 0) {
        tw_loop_remove_reader(L, t->pidfd);
        close(t->pidfd);
        t->pidfd = -1;
    }
    if (t->exit_watch)                  /* its callback holds the transport */
        tw_future_remove_done_callback(t->exit_watch, exit_seen, t);
    if (!t->reaped) {
        kill(t->pid, SIGKILL);
        while (waitpid(t->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        t->reaped = true;
    }
}

static void transport_finalize(tw_future *f)
{
    tw_subprocess_transport *t = (tw_subprocess_transport *)f;
    release_system(t);
    for (int i = 0; i < 3; i++)
        if (t->pipes[i]) {
            free(t->pipes[i]->buf);
            free(t->pipes[i]);
        }
    for (size_t i = 0; i < t->nwaiters; i++)
        tw_unref(t->waiters[i]);
    free(t->waiters);
    tw_unref(t->exit_watch);
    drop_protocol(t);
}

static const tw__future_class transport_class =
    { "SubprocessTransport", NULL, transport_finalize, NULL };
#line 3221 "chapters/tier5-executors.nw"
static void child_loop_closed(tw__resource *r)
{
    tw_subprocess_transport *t =
        (tw_subprocess_transport *)(void *)((char *)r - offsetof(tw_subprocess_transport, res));
    release_system(t);
    drop_protocol(t);
    unlist(t);
}
#line 2962 "chapters/tier5-executors.nw"
static tw_pipe_transport *pipe_new(tw_subprocess_transport *t, int fd, int childfd)
{
    tw_pipe_transport *p = tw__alloc(sizeof *p);
    p->proc = t;
    p->fd = fd;
    p->childfd = childfd;
    p->writer = childfd == 0;
    tw_error_unref(tw_loop_add_reader(t->loop, fd,
                                      p->writer ? write_pipe_peer_closed : read_ready, p));
    return p;
}

static tw_error *child_streams(const tw_subprocess_options *o, struct spawn *sp,
                               int parent_end[3], int child_end[3], int *devnull)
{
    const int specs[3] = { o->std_in, o->std_out, o->std_err };
    for (int i = 0; i < 3; i++) {
        sp->src[i] = -1;
        if (specs[i] == TW_PIPE) {
            int fds[2];
            if (pipe_high(fds) < 0)
                return tw_os_error_new(errno, NULL);
            child_end[i] = fds[i == 0 ? 0 : 1];
            parent_end[i] = fds[i == 0 ? 1 : 0];
            fcntl(parent_end[i], F_SETFL, O_NONBLOCK);
            sp->src[i] = child_end[i];
        } else if (specs[i] == TW_DEVNULL) {
            if (*devnull < 0 && (*devnull = fd_high(open("/dev/null", O_RDWR | O_CLOEXEC))) < 0)
                return tw_os_error_new(errno, "/dev/null");
            sp->src[i] = *devnull;
        } else if (specs[i] == TW_STDOUT && i == 2)
            sp->stderr_to_stdout = true;
        else if (specs[i] == TW_STDOUT)
            return tw_error_new(TW_ERR_VALUE, "STDOUT can only be used for stderr");
        else if (specs[i] > 0)
            sp->src[i] = specs[i] - 1;
        else if (specs[i] != TW_INHERIT)
            return tw_error_new(TW_ERR_VALUE, "invalid stream option %d for descriptor %d",
                                specs[i], i);
    }
    return NULL;
}
#line 3007 "chapters/tier5-executors.nw"
static tw_error *transport_start(tw_loop *L, const tw_subprocess_protocol *proto, void *self,
                                 char *const *argv, const tw_subprocess_options *o,
                                 tw_subprocess_transport **out)
{
    static const tw_subprocess_options defaults;
    struct spawn sp;
    int parent_end[3] = { -1, -1, -1 }, child_end[3] = { -1, -1, -1 }, devnull = -1;
    pid_t pid = -1;
    int pidfd = -1;
    tw_subprocess_transport *t;
    tw_error *err;
    *out = NULL;
    if (L->closed)
        return tw_error_new(TW_ERR_RUNTIME, "Event loop is closed");
    if (argv == NULL || argv[0] == NULL)
        return tw_error_new(TW_ERR_VALUE, "no program given");
    memset(&sp, 0, sizeof sp);
    err = child_streams(o ? o : &defaults, &sp, parent_end, child_end, &devnull);
    if (err == NULL) {
        sp.argv = argv;
        sp.envp = o ? (char *const *)o->env : NULL;
        sp.cwd = o ? o->cwd : NULL;
        sp.candidates = exec_candidates(argv[0], sp.envp);
        pthread_sigmask(SIG_BLOCK, NULL, &sp.mask);
        for (int s = 1; s < _NSIG; s++)
            if (sigismember(&L->sigmask, s) == 1)
                sigdelset(&sp.mask, s);
        err = spawn_child(&sp, &pid, &pidfd);
        tw__strv_free(sp.candidates);
    }
    for (int i = 0; i < 3; i++)
        if (child_end[i] >= 0)
            close(child_end[i]);
    if (devnull >= 0)
        close(devnull);
    if (err) {
        for (int i = 0; i < 3; i++)
            if (parent_end[i] >= 0)
                close(parent_end[i]);
        return err;
    }
    
#line 3059 "chapters/tier5-executors.nw"
t = tw__alloc(sizeof *t);
tw__future_init(&t->hdr, L, TW_KIND_FUTURE, &transport_class);
t->hdr.obj.refs = 2;
t->loop = L;
t->pid = pid;
t->pidfd = pidfd;
t->proto = proto;
t->self = proto->ref ? proto->ref(self) : self;
t->has_protocol = true;
tw__resource_attach_in(L, &t->res, TW__CLOSE_CHILDREN, child_loop_closed);
for (int i = 0; i < 3; i++)
    if (parent_end[i] >= 0)
        t->pipes[i] = pipe_new(t, parent_end[i], i);
err = watch_exit(t);
if (err) {
    release_system(t);                  /* kills and reaps the child */
    drop_protocol(t);
    unlist(t);
    tw_unref(t);
    return err;
}
call_later(t, CALL_CONNECTION_MADE, 0, NULL, NULL, 0);
#line 3049 "chapters/tier5-executors.nw"
    *out = t;
    return NULL;
}
#line 3086 "chapters/tier5-executors.nw"
tw_error *tw_loop_subprocess_exec(tw_loop *loop, const tw_subprocess_protocol *protocol,
                                  void *self, const char *const *argv,
                                  const tw_subprocess_options *options,
                                  tw_subprocess_transport **transport)
{
    return transport_start(loop, protocol, self, (char *const *)argv, options, transport);
}

tw_error *tw_loop_subprocess_shell(tw_loop *loop, const tw_subprocess_protocol *protocol,
                                   void *self, const char *cmd,
                                   const tw_subprocess_options *options,
                                   tw_subprocess_transport **transport)
{
    const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    if (cmd == NULL) {
        *transport = NULL;
        return tw_error_new(TW_ERR_VALUE, "no command given");
    }
    return transport_start(loop, protocol, self, (char *const *)argv, options, transport);
}

int tw_subprocess_transport_get_pid(const tw_subprocess_transport *t) { return t->pid; }

bool tw_subprocess_transport_get_returncode(const tw_subprocess_transport *t, int *code)
{
    if (t->exited && code)
        *code = t->returncode;
    return t->exited;
}

tw_pipe_transport *tw_subprocess_transport_get_pipe_transport(tw_subprocess_transport *t, int fd)
{
    return fd >= 0 && fd < 3 ? t->pipes[fd] : NULL;
}

bool tw_subprocess_transport_is_closing(const tw_subprocess_transport *t) { return t->closed; }

tw_subprocess_transport *tw_subprocess_transport_ref(tw_subprocess_transport *t)
{
    return tw_ref(t);
}

void tw_subprocess_transport_unref(tw_subprocess_transport *t)
{
    tw_unref(t);
}
#line 3138 "chapters/tier5-executors.nw"
tw_error *tw_subprocess_transport_send_signal(tw_subprocess_transport *t, int sig)
{
    if (t->lost)
        return tw__os_error(ESRCH, 0, NULL, NULL);
    if (!t->reaped && kill(t->pid, sig) < 0)
        return tw_os_error_new(errno, NULL);
    return NULL;
}

tw_error *tw_subprocess_transport_terminate(tw_subprocess_transport *t)
{
    return tw_subprocess_transport_send_signal(t, SIGTERM);
}

tw_error *tw_subprocess_transport_kill(tw_subprocess_transport *t)
{
    return tw_subprocess_transport_send_signal(t, SIGKILL);
}

void tw_subprocess_transport_close(tw_subprocess_transport *t)
{
    if (t->closed)
        return;
    t->closed = true;
    for (int i = 0; i < 3; i++)
        if (t->pipes[i])
            tw_pipe_transport_close(t->pipes[i]);
    if (!t->reaped)
        kill(t->pid, SIGKILL);
}
#line 3174 "chapters/tier5-executors.nw"
struct wait_frame {
    tw_coro co;
    tw_subprocess_transport *t;
    tw_future *waiter;
};

static void wait_cleanup(tw_coro *co)
{
    struct wait_frame *f = (struct wait_frame *)co;
    tw_unref(f->waiter);
    tw_unref(f->t);
}

static tw_step wait_body(tw_coro *co)
{
    struct wait_frame *f = (struct wait_frame *)co;
    tw_subprocess_transport *t = f->t;
    TW_BEGIN(co);
    if (t->exited)
        TW_RETURN(co, TW_INT(t->returncode));
    f->waiter = tw_future_new(t->loop);
    t->waiters = tw__realloc(t->waiters, (t->nwaiters + 1) * sizeof *t->waiters);
    t->waiters[t->nwaiters++] = tw_ref(f->waiter);
    TW_AWAIT(co, tw_ref(f->waiter));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

void *tw_subprocess_transport_wait(tw_subprocess_transport *t)
{
    struct wait_frame *f = tw_coro_new(wait_body, sizeof *f);
    f->t = tw_ref(t);
    f->co.cleanup = wait_cleanup;
    return f;
}
