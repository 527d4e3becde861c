#line 2452 "chapters/tier5-executors.nw"
/* subprocess.c -- starting children, watching them exit, signalling and reaping them */
#include "tier5.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#line 2498 "chapters/tier5-executors.nw"
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
#line 2538 "chapters/tier5-executors.nw"
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
    
#line 2676 "chapters/tier5-executors.nw"
memset(&dfl, 0, sizeof dfl);
dfl.sa_handler = SIG_DFL;
for (int s = 1; s < _NSIG; s++) {
    struct sigaction old;
    if (sigaction(s, NULL, &old) == 0 && old.sa_handler != SIG_DFL
        && old.sa_handler != SIG_IGN)
        sigaction(s, &dfl, NULL);
}
#line 2551 "chapters/tier5-executors.nw"
    for (int i = 0; i < 3; i++)
        if (sp->src[i] >= 0 && (sp->src[i] == i ? fcntl(i, F_SETFD, 0) : dup2(sp->src[i], i)) < 0)
            child_fail(errfd, FAILED_SETUP);
    if (sp->stderr_to_stdout && dup2(1, 2) < 0)
        child_fail(errfd, FAILED_SETUP);
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
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
#line 2583 "chapters/tier5-executors.nw"
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
#line 2707 "chapters/tier5-executors.nw"
static atomic_bool no_pidfd;

static tw_error *spawn_child(const struct spawn *sp, pid_t *pid, int *pidfd)
{
    int errpipe[2], report[2], e;
    ssize_t n;
    if (pipe_high(errpipe) < 0)
        return tw_os_error_new(errno, NULL);
    
#line 2687 "chapters/tier5-executors.nw"
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    *pid = vfork();
    if (*pid == 0)
        child_exec(sp, errpipe[1]);
    e = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}
#line 2716 "chapters/tier5-executors.nw"
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
#line 2756 "chapters/tier5-executors.nw"
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
#line 2851 "chapters/tier5-executors.nw"
static void reap(tw__child *c)
{
    int status = 0;
    pid_t r;
    if (c->reaped)
        return;
    do
        r = waitpid(c->pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return;
    c->reaped = true;
    c->returncode = r < 0 ? 255         /* reaped by someone else: asyncio says 255 */
                  : WIFEXITED(status) ? WEXITSTATUS(status)
                  : WIFSIGNALED(status) ? -WTERMSIG(status) : 255;
    if (c->on_exit)
        c->on_exit(c->arg, c->returncode);
}

static tw_error *pidfd_ready(void *arg)
{
    tw__child *c = arg;
    reap(c);
    if (c->reaped && c->pidfd >= 0) {
        tw_loop_remove_reader(c->loop, c->pidfd);
        close(c->pidfd);
        c->pidfd = -1;
    }
    return NULL;
}
#line 2893 "chapters/tier5-executors.nw"
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

static tw_error *watch_exit(tw__child *c)
{
    tw_loop *L = c->loop;
    struct tw__loop_executors *E;
    tw_error *err;
    if (c->pidfd >= 0)
        return tw_loop_add_reader(L, c->pidfd, pidfd_ready, c);
    E = tw__executors_of(L);
    if (E->child_watcher == NULL
        && (err = tw_thread_pool_new(INT_MAX, &E->child_watcher)) != NULL)
        return err;
    err = tw_run_in_executor(L, E->child_watcher, wait_for_exit, (void *)(intptr_t)c->pid,
                             &c->exit_watch);
    if (err == NULL)
        tw__future_add_callback(c->exit_watch, exit_seen, c, tw_ref(&c->obj));
    return err;
}
#line 2934 "chapters/tier5-executors.nw"
tw_error *tw__child_send_signal(tw__child *c, int sig)
{
    if (!c->reaped && kill(c->pid, sig) < 0)
        return tw_os_error_new(errno, NULL);
    return NULL;
}
#line 2951 "chapters/tier5-executors.nw"
void tw__child_release(tw__child *c)
{
    c->on_exit = NULL;
    if (c->pidfd >= 0) {
        tw_loop_remove_reader(c->loop, c->pidfd);
        close(c->pidfd);
        c->pidfd = -1;
    }
    if (c->exit_watch)                  /* its callback holds the child */
        tw_future_remove_done_callback(c->exit_watch, exit_seen, c);
    if (!c->reaped) {
        kill(c->pid, SIGKILL);
        while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        c->reaped = true;
    }
}

static void child_finalize(tw_object *o)
{
    tw__child *c = (tw__child *)o;
    tw__child_release(c);
    tw_unref(c->exit_watch);
    free(c);
}

static void child_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<child %ld>", (long)((tw__child *)o)->pid);
}

static const tw_class child_class = { child_finalize, child_describe, NULL };
#line 2995 "chapters/tier5-executors.nw"
tw_error *tw__child_spawn(tw_loop *L, char *const *argv, const tw_subprocess_options *o,
                          void (*on_exit)(void *arg, int returncode), void *arg,
                          int parent_end[3], tw__child **out)
{
    static const tw_subprocess_options defaults;
    struct spawn sp;
    int child_end[3] = { -1, -1, -1 }, devnull = -1, pidfd = -1;
    pid_t pid = -1;
    tw__child *c = NULL;
    tw_error *err;
    *out = NULL;
    for (int i = 0; i < 3; i++)
        parent_end[i] = -1;
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
    if (err == NULL) {
        
#line 3048 "chapters/tier5-executors.nw"
c = tw__alloc(sizeof *c);
tw_object_init(&c->obj, &child_class, TW_KIND_OBJECT);
c->loop = L;
c->pid = pid;
c->pidfd = pidfd;
c->on_exit = on_exit;
c->arg = arg;
err = watch_exit(c);
if (err) {
    tw__child_release(c);               /* kills and reaps it */
    tw_unref(&c->obj);
    c = NULL;
}
#line 3033 "chapters/tier5-executors.nw"
    }
    if (err) {
        for (int i = 0; i < 3; i++)
            if (parent_end[i] >= 0) {
                close(parent_end[i]);
                parent_end[i] = -1;
            }
        return err;
    }
    *out = c;
    return NULL;
}
