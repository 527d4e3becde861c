#line 681 "chapters/tier5-executors.nw"
/* executor.c -- calls in thread pools and process pools, the default executor, to_thread */
#include "tier5.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#line 719 "chapters/tier5-executors.nw"
enum { JOB_WORD, JOB_BYTES };

struct tw__job {
    int form;
    tw_work_fn fn;
    tw_bytes_fn bfn;
    void *arg;
    tw_bytes *barg;
    bool in_context;
    struct tw__vars *vars;
    tw_value result;
    tw_bytes *bresult;
    tw_error *error;
    bool dropped;                   /* never run: the executor shut down and cancelled it */
    atomic_bool cancelled;          /* the future was cancelled: do not start */
    struct tw__inbox *inbox;
    struct exec_future *fut;
    struct tw__job *next;
    struct tw__job *prev_inflight, *next_inflight;
};

static struct tw__job *job_new(int form)
{
    struct tw__job *j = tw__alloc(sizeof *j);
    j->form = form;
    atomic_init(&j->cancelled, false);
    return j;
}

static void job_free(struct tw__job *j)
{
    free(j->barg);
    free(j->bresult);
    tw_unref(j->error);
    tw__vars_unref(j->vars);
    tw__unref(TW__AS_OBJECT(j->inbox));        /* its header comes first; defined below */
    free(j);
}
#line 763 "chapters/tier5-executors.nw"
struct job_queue {
    struct tw__job *head, *tail;
    size_t len;
};

static void queue_push(struct job_queue *q, struct tw__job *j)
{
    j->next = NULL;
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
    q->len++;
}

static struct tw__job *queue_pop(struct job_queue *q)
{
    struct tw__job *j = q->head;
    if (j) {
        q->head = j->next;
        if (q->head == NULL)
            q->tail = NULL;
        q->len--;
        j->next = NULL;
    }
    return j;
}

static struct tw__job *queue_take_all(struct job_queue *q)
{
    struct tw__job *j = q->head;
    q->head = q->tail = NULL;
    q->len = 0;
    return j;
}
#line 806 "chapters/tier5-executors.nw"
static void job_run(struct tw__job *j)
{
    struct tw__vars **outer = tw__vars_slot;
    if (atomic_load(&j->cancelled)) {
        j->dropped = true;
        return;
    }
    if (j->in_context)
        tw__vars_slot = &j->vars;
    if (j->form == JOB_WORD)
        j->error = j->fn(j->arg, &j->result);
    else
        j->error = j->bfn(j->barg->data, j->barg->len, &j->bresult);
    tw__vars_slot = outer;
}
#line 848 "chapters/tier5-executors.nw"
struct tw__inbox {
    tw_object obj;                      /* shared: workers hold it too */
    pthread_mutex_t lock;
    tw_loop *loop;                      /* NULL once the loop has closed */
    struct job_queue done;              /* finished, not yet delivered */
    bool draining;                      /* a drain is scheduled */
    struct tw__job *inflight;
};

static void executors_loop_closed(tw__resource *r);
static int spin_before_blocking(tw_loop *L, int timeout_ms);

static tw__loop_key executors_key;

struct tw__loop_executors *tw__executors_of(tw_loop *L)
{
    return tw__loop_state(L, &executors_key, sizeof(struct tw__loop_executors), NULL);
}

static void inbox_finalize(tw_object *o)
{
    struct tw__inbox *in = (struct tw__inbox *)o;
    pthread_mutex_destroy(&in->lock);
    free(in);
}

static void inbox_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<executors' inbox%s>", ((struct tw__inbox *)o)->loop ? "" : " of a closed loop");
}

static const tw_class inbox_class = { inbox_finalize, inbox_describe, NULL };

static struct tw__inbox *inbox_of(tw_loop *L)
{
    struct tw__loop_executors *E = tw__executors_of(L);
    if (E->inbox == NULL) {
        struct tw__inbox *in = tw__alloc(sizeof *in);
        tw_object_init(&in->obj, &inbox_class, TW__SHARED);
        tw__mutex_init(&in->lock);
        in->loop = L;
        E->inbox = in;
        E->loop = L;
        tw__resource_attach_in(L, &E->executors_at_close, TW__CLOSE_EXECUTORS,
                               executors_loop_closed);
        L->before_blocking = spin_before_blocking;
    }
    return E->inbox;
}

static void inflight_link(struct tw__inbox *in, struct tw__job *j)
{
    tw__ref(&in->obj);
    j->inbox = in;
    pthread_mutex_lock(&in->lock);
    j->next_inflight = in->inflight;
    if (in->inflight)
        in->inflight->prev_inflight = j;
    in->inflight = j;
    pthread_mutex_unlock(&in->lock);
}

/* with the inbox's lock held */
static void inflight_unlink(struct tw__inbox *in, struct tw__job *j)
{
    if (j->prev_inflight)
        j->prev_inflight->next_inflight = j->next_inflight;
    else
        in->inflight = j->next_inflight;
    if (j->next_inflight)
        j->next_inflight->prev_inflight = j->prev_inflight;
    j->prev_inflight = j->next_inflight = NULL;
}
#line 929 "chapters/tier5-executors.nw"
static tw_error *inbox_drain(void *arg);
static void job_finish(struct tw__job *j);

/* the jobs an executor drops unrun when it shuts down: their futures are cancelled */
static void finish_dropped(struct tw__job *j)
{
    while (j) {
        struct tw__job *next = j->next;
        j->dropped = true;
        job_finish(j);
        j = next;
    }
}

static void job_finish(struct tw__job *j)
{
    struct tw__inbox *in = j->inbox;
    pthread_mutex_lock(&in->lock);
    inflight_unlink(in, j);
    if (in->loop == NULL) {
        pthread_mutex_unlock(&in->lock);
        job_free(j);                    /* its loop, and its future, are gone */
        return;
    }
    queue_push(&in->done, j);
    if (!in->draining) {
        in->draining = true;
        tw_unref(tw_call_soon_threadsafe(in->loop, inbox_drain, in));
    }
    pthread_mutex_unlock(&in->lock);
}
#line 967 "chapters/tier5-executors.nw"
static void deliver(struct tw__job *j);

static tw_error *inbox_drain(void *arg)
{
    struct tw__inbox *in = arg;
    struct tw__job *j;
    pthread_mutex_lock(&in->lock);
    j = queue_take_all(&in->done);
    in->draining = false;
    pthread_mutex_unlock(&in->lock);
    while (j) {
        struct tw__job *next = j->next;
        deliver(j);
        j = next;
    }
    return NULL;
}
#line 994 "chapters/tier5-executors.nw"
struct exec_future {
    tw_future fut;
    tw_bytes *bytes;
    struct tw__job *job;                /* while in flight */
};

static bool exec_future_cancel(tw_future *f, const char *msg)
{
    struct exec_future *ef = (struct exec_future *)f;
    if (!tw__future_cancel(f, msg))
        return false;
    if (ef->job)
        atomic_store(&ef->job->cancelled, true);
    return true;
}

static void exec_future_finalize(tw_future *f)
{
    free(((struct exec_future *)f)->bytes);
}

static const tw__future_class exec_future_class = {
    TW__FUTURE_OBJECT_CLASS(tw__future_describe), "Future",
    exec_future_cancel, exec_future_finalize, NULL, 0
};

static void deliver(struct tw__job *j)
{
    struct exec_future *ef = j->fut;
    tw_loop *L = ef->fut.loop;
    ef->job = NULL;
    if (ef->fut.state == TW__PENDING) {
        if (j->dropped)
            tw__future_cancel(&ef->fut, NULL);
        else if (j->error) {
            tw__future_complete(&ef->fut, TW_NONE, j->error);
            j->error = NULL;
        } else if (j->form == JOB_BYTES) {
            ef->bytes = j->bresult;
            j->bresult = NULL;
            tw__future_complete(&ef->fut, TW_PTR(ef->bytes), NULL);
        } else
            tw__future_complete(&ef->fut, j->result, NULL);
    }
    j->fut = NULL;
    tw_unref(&ef->fut);
    tw_loop_unhold(L);
    job_free(j);
}
#line 1054 "chapters/tier5-executors.nw"
struct executor_class {
    tw_error *(*submit)(tw_executor *ex, struct tw__job *j);
    void (*shutdown)(tw_executor *ex, bool wait, bool cancel_futures);
    void (*destroy)(tw_executor *ex);
};

struct tw_executor {
    const struct executor_class *cls;
};

static tw_error *submit(tw_loop *L, tw_executor *ex, struct tw__job *j, tw_future **future)
{
    struct tw__inbox *in = inbox_of(L);
    struct exec_future *ef = tw__alloc(sizeof *ef);
    tw_error *err;
    tw__future_init(&ef->fut, L, TW_KIND_FUTURE, &exec_future_class);
    ef->fut.obj.refs = 2;               /* the caller's and the job's */
    ef->job = j;
    j->fut = ef;
    inflight_link(in, j);
    tw_loop_hold(L);
    err = ex->cls->submit(ex, j);
    if (err) {
        pthread_mutex_lock(&in->lock);
        inflight_unlink(in, j);
        pthread_mutex_unlock(&in->lock);
        tw_loop_unhold(L);
        ef->job = NULL;
        ef->fut.obj.refs = 1;
        tw_unref(&ef->fut);
        job_free(j);
        *future = NULL;
        return err;
    }
    *future = &ef->fut;
    return NULL;
}

void tw_executor_shutdown(tw_executor *ex, bool wait, bool cancel_futures)
{
    ex->cls->shutdown(ex, wait, cancel_futures);
}

void tw_executor_free(tw_executor *ex)
{
    if (ex) {
        ex->cls->shutdown(ex, true, false);
        ex->cls->destroy(ex);
    }
}
#line 1111 "chapters/tier5-executors.nw"
void tw__mutex_init(pthread_mutex_t *m)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
    pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
}

int tw__start_thread(pthread_t *thread, void *(*fn)(void *), void *arg)
{
    sigset_t all, old;
    int rc;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = pthread_create(thread, NULL, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

static int cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static tw_error *check_max_workers(int max_workers)
{
    return max_workers < 0
        ? tw_error_new(TW_ERR_VALUE, "max_workers must be greater than 0") : NULL;
}

static tw_error shutdown_refusal = TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError",
    "cannot schedule new futures after shutdown");
#line 1156 "chapters/tier5-executors.nw"
struct thread_pool {
    tw_executor ex;
    pthread_mutex_t lock;
    pthread_cond_t work;
    struct job_queue queue;
    atomic_size_t waiting;              /* the queue's length, readable without the lock */
    int max_workers, nthreads, nidle, njoined;
    bool shutdown;
    pthread_t *threads;
};

static void *pool_thread(void *arg);

static tw_error *pool_submit(tw_executor *ex, struct tw__job *j)
{
    struct thread_pool *p = (struct thread_pool *)ex;
    pthread_mutex_lock(&p->lock);
    if (p->shutdown) {
        pthread_mutex_unlock(&p->lock);
        return &shutdown_refusal;
    }
    if (p->queue.len + 1 > (size_t)p->nidle && p->nthreads < p->max_workers) {
        p->threads = tw__realloc(p->threads, (size_t)(p->nthreads + 1) * sizeof *p->threads);
        if (tw__start_thread(&p->threads[p->nthreads], pool_thread, p) == 0)
            p->nthreads++;
        else if (p->nthreads == 0) {
            pthread_mutex_unlock(&p->lock);
            return tw_error_new(TW_ERR_RUNTIME, "can't start new thread");
        }
    }
    queue_push(&p->queue, j);
    atomic_store_explicit(&p->waiting, p->queue.len, memory_order_release);
    pthread_mutex_unlock(&p->lock);
    pthread_cond_signal(&p->work);
    return NULL;
}
#line 1208 "chapters/tier5-executors.nw"
enum { SPIN_NS = 50000 };              /* how long a thread spins before it sleeps */

#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

/* Spin politely: a few pauses, then let any other runnable thread have the
   processor, which matters when threads outnumber processors. */
static void relax(void)
{
    for (int i = 0; i < 8; i++)
        CPU_RELAX();
    sched_yield();
}

static long long clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void spin_for_work(struct thread_pool *p)
{
    long long until = clock_ns() + SPIN_NS;
    while (atomic_load_explicit(&p->waiting, memory_order_acquire) == 0 && clock_ns() < until)
        relax();
}
#line 1251 "chapters/tier5-executors.nw"
static int spin_before_blocking(tw_loop *L, int timeout_ms)
{
    long long until = clock_ns() + SPIN_NS;
    while (!atomic_load_explicit(&L->ts_pending, memory_order_acquire) && clock_ns() < until)
        relax();
    return atomic_load_explicit(&L->ts_pending, memory_order_acquire) ? 0 : timeout_ms;
}
#line 1272 "chapters/tier5-executors.nw"
static void *pool_thread(void *arg)
{
    struct thread_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    p->nidle++;
    for (;;) {
        struct tw__job *j;
        if (p->queue.len == 0 && !p->shutdown) {
            pthread_mutex_unlock(&p->lock);
            spin_for_work(p);
            pthread_mutex_lock(&p->lock);
            while (p->queue.len == 0 && !p->shutdown)
                pthread_cond_wait(&p->work, &p->lock);
        }
        p->nidle--;
        if ((j = queue_pop(&p->queue)) == NULL)
            break;
        atomic_store_explicit(&p->waiting, p->queue.len, memory_order_relaxed);
        pthread_mutex_unlock(&p->lock);
        job_run(j);
        pthread_mutex_lock(&p->lock);
        p->nidle++;                     /* before the outcome can prompt the next call */
        pthread_mutex_unlock(&p->lock);
        job_finish(j);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    tw__vars_thread_exit();
    return NULL;
}
#line 1309 "chapters/tier5-executors.nw"
static void pool_shutdown(tw_executor *ex, bool wait, bool cancel_futures)
{
    struct thread_pool *p = (struct thread_pool *)ex;
    struct tw__job *dropped = NULL;
    int from, to;
    pthread_mutex_lock(&p->lock);
    p->shutdown = true;
    if (cancel_futures) {
        dropped = queue_take_all(&p->queue);
        atomic_store_explicit(&p->waiting, 0, memory_order_relaxed);
    }
    pthread_cond_broadcast(&p->work);
    from = p->njoined;
    to = wait ? p->nthreads : from;
    p->njoined = to;
    pthread_mutex_unlock(&p->lock);
    finish_dropped(dropped);
    for (int i = from; i < to; i++)
        pthread_join(p->threads[i], NULL);
}

static void pool_destroy(tw_executor *ex)
{
    struct thread_pool *p = (struct thread_pool *)ex;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    free(p->threads);
    free(p);
}

static const struct executor_class thread_pool_class =
    { pool_submit, pool_shutdown, pool_destroy };

tw_error *tw_thread_pool_new(int max_workers, tw_executor **executor)
{
    struct thread_pool *p;
    tw_error *err = check_max_workers(max_workers);
    *executor = NULL;
    if (err)
        return err;
    if (max_workers == 0) {
        int cpus = cpu_count();
        max_workers = cpus + 4 < 32 ? cpus + 4 : 32;
    }
    p = tw__alloc(sizeof *p);
    p->ex.cls = &thread_pool_class;
    tw__mutex_init(&p->lock);
    pthread_cond_init(&p->work, NULL);
    atomic_init(&p->waiting, 0);
    p->max_workers = max_workers;
    *executor = &p->ex;
    return NULL;
}
#line 1385 "chapters/tier5-executors.nw"
struct call_message {
    uint64_t form, fn, arg, len;        /* no padding: every byte is written */
};

enum { REPLY_WORD, REPLY_BYTES, REPLY_NONE, REPLY_ERROR };

struct reply_message {
    uint64_t status, word, len;
};

_Static_assert(sizeof(tw_value) <= sizeof(uint64_t), "a value word fits the wire");

static size_t read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

static bool write_full(int fd, const void *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        buf = (const char *)buf + w;
        n -= (size_t)w;
    }
    return true;
}
#line 1432 "chapters/tier5-executors.nw"
struct wire {
    unsigned char *data;
    size_t len, cap;
};

static void wire_put(struct wire *w, const void *p, size_t n)
{
    if (w->len + n > w->cap) {
        w->cap = (w->len + n) * 2;
        w->data = tw__realloc(w->data, w->cap);
    }
    if (n)
        memcpy(w->data + w->len, p, n);
    w->len += n;
}

static void wire_put_str(struct wire *w, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0;        /* 0: NULL */
    wire_put(w, &n, sizeof n);
    wire_put(w, s, n);
}

static void wire_put_error(struct wire *w, const tw_error *e)
{
    int32_t head[3] = { (int32_t)tw_error_kind(e), tw_os_error_errno(e),
                        (int32_t)tw_error_count(e) };
    wire_put(w, head, sizeof head);
    wire_put_str(w, tw_error_type(e));
    wire_put_str(w, tw_error_message(e));
    wire_put_str(w, tw_os_error_filename(e));
    for (size_t i = 0; i < tw_error_count(e); i++)
        wire_put_error(w, tw_error_item(e, i));
}

struct cursor {
    const unsigned char *p, *end;
};

static bool take(struct cursor *c, void *out, size_t n)
{
    if ((size_t)(c->end - c->p) < n)
        return false;
    memcpy(out, c->p, n);
    c->p += n;
    return true;
}

static bool take_str(struct cursor *c, const char **s)
{
    uint32_t n;
    *s = NULL;
    if (!take(c, &n, sizeof n) || (size_t)(c->end - c->p) < n || (n && c->p[n - 1] != 0))
        return false;
    if (n)
        *s = (const char *)c->p;
    c->p += n;
    return true;
}
#line 1498 "chapters/tier5-executors.nw"
static tw_error *take_error(struct cursor *c)
{
    int32_t head[3];
    const char *type, *message, *filename;
    tw_error **items;
    tw_error *e;
    if (!take(c, head, sizeof head) || !take_str(c, &type) || !take_str(c, &message)
        || !take_str(c, &filename) || head[0] <= TW_ERR_NONE || head[0] >= TW_ERR__COUNT
        || head[2] < 0 || (size_t)head[2] > (size_t)(c->end - c->p))
        return NULL;
    if (head[0] == TW_ERR_GROUP) {
        items = tw__alloc((size_t)head[2] * sizeof *items);
        for (int32_t i = 0; i < head[2]; i++)
            if ((items[i] = take_error(c)) == NULL) {
                while (i-- > 0)
                    tw_unref(items[i]);
                free(items);
                return NULL;
            }
        e = tw_error_group(message, (size_t)head[2], items);
        free(items);
    } else if (head[1] != 0)
        e = tw__os_error(head[1], head[1], filename, message);
    else if (head[0] == TW_ERR_USER)
        e = message ? tw_error_user(type, "%s", message) : tw_error_user(type, NULL);
    else
        e = message ? tw_error_new((tw_errkind)head[0], "%s", message)
                    : tw_error_new((tw_errkind)head[0], NULL);
    return e;
}
#line 1541 "chapters/tier5-executors.nw"
static void keep_only(int a, int b)
{
    int lo = a < b ? a : b, hi = a < b ? b : a;
    if (lo > 3)
        close_range(3, (unsigned)lo - 1, 0);
    if (hi > lo + 1)
        close_range((unsigned)lo + 1, (unsigned)hi - 1, 0);
    close_range((unsigned)hi + 1, ~0U, 0);
}

static void reply(int out, const struct tw__job *j)
{
    struct reply_message r = { REPLY_NONE, 0, 0 };
    struct wire payload = { NULL, 0, 0 };
    if (j->error) {
        r.status = REPLY_ERROR;
        wire_put_error(&payload, j->error);
    } else if (j->form == JOB_WORD) {
        r.status = REPLY_WORD;
        memcpy(&r.word, &j->result, sizeof j->result);
    } else if (j->bresult) {
        r.status = REPLY_BYTES;
        wire_put(&payload, j->bresult->data, j->bresult->len);
    }
    r.len = payload.len;
    if (!write_full(out, &r, sizeof r) || !write_full(out, payload.data, payload.len))
        tw__child_exit(0);
    free(payload.data);
}

static void __attribute__((noreturn)) worker_main(int in, int out)
{
    sigset_t none;
    keep_only(in, out);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (;;) {
        struct call_message m;
        struct tw__job *j;
        if (read_full(in, &m, sizeof m) != sizeof m)
            tw__child_exit(0);
        j = job_new((int)m.form);
        if (m.form == JOB_WORD) {
            j->fn = (tw_work_fn)(uintptr_t)m.fn;
            j->arg = (void *)(uintptr_t)m.arg;
        } else {
            j->bfn = (tw_bytes_fn)(uintptr_t)m.fn;
            j->barg = tw__alloc(sizeof *j->barg + m.len + 1);
            j->barg->len = m.len;
            if (read_full(in, j->barg->data, m.len) != m.len)
                tw__child_exit(0);
        }
        job_run(j);
        fflush(NULL);
        reply(out, j);
        job_free(j);
    }
}
#line 1605 "chapters/tier5-executors.nw"
struct worker {
    pid_t pid;
    int to, from;
    struct tw__job *job;                /* the call it runs, or NULL when idle */
};

struct process_pool {
    tw_executor ex;
    pthread_mutex_t lock;
    int wakefd;
    struct job_queue queue;
    int running;
    struct worker *workers;
    int nworkers, max_workers;
    bool shutdown, broken, started, joined;
    pthread_t manager;
};

static tw_error broken_refusal = TW__STATIC_ERROR(TW_ERR_BROKEN_PROCESS_POOL, "BrokenProcessPool",
    "A child process terminated abruptly, the process pool is not usable anymore");

static void wake_manager(struct process_pool *p)
{
    uint64_t one = 1;
    if (write(p->wakefd, &one, sizeof one) < 0 && errno != EAGAIN)
        tw__fatal("cannot wake a process pool: %s", strerror(errno));
}
#line 1639 "chapters/tier5-executors.nw"
static tw_error *spawn_worker(struct process_pool *p)
{
    int calls[2], replies[2], e;
    struct worker w = { 0, -1, -1, NULL };
    if (pipe2(calls, O_CLOEXEC) < 0)
        return tw_os_error_new(errno, NULL);
    if (pipe2(replies, O_CLOEXEC) < 0) {
        e = errno;
        close(calls[0]);
        close(calls[1]);
        return tw_os_error_new(e, NULL);
    }
    fflush(NULL);
    w.pid = fork();
    if (w.pid == 0)
        worker_main(calls[0], replies[1]);
    e = errno;
    close(calls[0]);
    close(replies[1]);
    if (w.pid < 0) {
        close(calls[1]);
        close(replies[0]);
        return tw_os_error_new(e, NULL);
    }
    w.to = calls[1];
    w.from = replies[0];
    p->workers = tw__realloc(p->workers, (size_t)(p->nworkers + 1) * sizeof *p->workers);
    p->workers[p->nworkers++] = w;
    return NULL;
}

static void *manager_main(void *arg);

static tw_error *procpool_submit(tw_executor *ex, struct tw__job *j)
{
    struct process_pool *p = (struct process_pool *)ex;
    tw_error *err = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->broken)
        err = &broken_refusal;
    else if (p->shutdown)
        err = &shutdown_refusal;
    else {
        if (p->queue.len + (size_t)p->running >= (size_t)p->nworkers
            && p->nworkers < p->max_workers)
            err = spawn_worker(p);
        if (err && p->nworkers > 0) {
            tw_unref(err);        /* the workers there are will do */
            err = NULL;
        }
        if (err == NULL && !p->started) {
            if (tw__start_thread(&p->manager, manager_main, p) != 0)
                err = tw_error_new(TW_ERR_RUNTIME, "can't start new thread");
            else
                p->started = true;
        }
    }
    if (err == NULL)
        queue_push(&p->queue, j);
    pthread_mutex_unlock(&p->lock);
    if (err == NULL)
        wake_manager(p);
    return err;
}
#line 1714 "chapters/tier5-executors.nw"
static bool send_call(struct worker *w, const struct tw__job *j)
{
    struct call_message m = { (uint64_t)j->form, 0, 0, 0 };
    if (j->form == JOB_WORD) {
        m.fn = (uint64_t)(uintptr_t)j->fn;
        m.arg = (uint64_t)(uintptr_t)j->arg;
        return write_full(w->to, &m, sizeof m);
    }
    m.fn = (uint64_t)(uintptr_t)j->bfn;
    m.len = j->barg->len;
    return write_full(w->to, &m, sizeof m) && write_full(w->to, j->barg->data, j->barg->len);
}

static void dispatch(struct process_pool *p)
{
    for (int i = 0; i < p->nworkers && p->queue.len; i++) {
        struct worker *w = &p->workers[i];
        struct tw__job *j;
        if (w->job)
            continue;
        j = queue_pop(&p->queue);
        if (atomic_load(&j->cancelled)) {
            j->dropped = true;
            job_finish(j);
            i--;                        /* the same worker is still idle */
            continue;
        }
        w->job = j;
        p->running++;
        send_call(w, j);                /* a dead worker's reply pipe will tell */
    }
}

static bool receive_reply(struct process_pool *p, struct worker *w)
{
    struct reply_message r;
    struct tw__job *j = w->job;
    unsigned char *payload;
    if (read_full(w->from, &r, sizeof r) != sizeof r)
        return false;
    payload = tw__alloc(r.len);
    if (read_full(w->from, payload, r.len) != r.len || j == NULL) {
        free(payload);
        return false;
    }
    if (r.status == REPLY_WORD)
        memcpy(&j->result, &r.word, sizeof j->result);
    else if (r.status == REPLY_BYTES)
        j->bresult = tw_bytes_new(payload, r.len);
    else if (r.status == REPLY_ERROR) {
        struct cursor c = { payload, payload + r.len };
        j->error = take_error(&c);
        if (j->error == NULL)
            j->error = tw_error_new(TW_ERR_RUNTIME, "a worker process sent an unreadable error");
    }
    free(payload);
    w->job = NULL;
    p->running--;
    job_finish(j);
    return true;
}

static void fail_job(struct tw__job *j)
{
    j->error = tw_error_new(TW_ERR_BROKEN_PROCESS_POOL, "A process in the process pool was "
                            "terminated abruptly while the future was running or pending.");
    job_finish(j);
}

static void fail_all(struct process_pool *p)
{
    for (int i = 0; i < p->nworkers; i++)
        if (p->workers[i].job) {
            fail_job(p->workers[i].job);
            p->workers[i].job = NULL;
        }
    for (struct tw__job *j; (j = queue_pop(&p->queue)) != NULL;)
        fail_job(j);
    p->running = 0;
}
#line 1801 "chapters/tier5-executors.nw"
static void stop_workers(struct process_pool *p)
{
    for (int i = 0; i < p->nworkers; i++) {
        struct worker *w = &p->workers[i];
        if (p->broken)
            kill(w->pid, SIGTERM);
        close(w->to);
        while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        close(w->from);
    }
    free(p->workers);
    p->workers = NULL;
    p->nworkers = 0;
}

static void *manager_main(void *arg)
{
    struct process_pool *p = arg;
    struct pollfd *fds = NULL;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        int n;
        if (!p->broken)
            dispatch(p);
        if (p->broken || (p->shutdown && p->queue.len == 0 && p->running == 0))
            break;
        n = p->nworkers;
        fds = tw__realloc(fds, (size_t)(1 + n) * sizeof *fds);
        fds[0] = (struct pollfd){ .fd = p->wakefd, .events = POLLIN };
        for (int i = 0; i < n; i++)
            fds[1 + i] = (struct pollfd){ .fd = p->workers[i].from, .events = POLLIN };
        pthread_mutex_unlock(&p->lock);
        while (poll(fds, (nfds_t)(1 + n), -1) < 0 && errno == EINTR)
            ;
        pthread_mutex_lock(&p->lock);
        if (fds[0].revents) {
            uint64_t count;
            if (read(p->wakefd, &count, sizeof count) < 0 && errno != EAGAIN)
                tw__fatal("process pool: %s", strerror(errno));
        }
        for (int i = 0; i < n; i++)
            if (fds[1 + i].revents && !receive_reply(p, &p->workers[i]))
                p->broken = true;
    }
    if (p->broken)
        fail_all(p);
    stop_workers(p);
    pthread_mutex_unlock(&p->lock);
    free(fds);
    return NULL;
}
#line 1860 "chapters/tier5-executors.nw"
static void procpool_shutdown(tw_executor *ex, bool wait, bool cancel_futures)
{
    struct process_pool *p = (struct process_pool *)ex;
    struct tw__job *dropped = NULL;
    bool started, join;
    pthread_mutex_lock(&p->lock);
    p->shutdown = true;
    if (cancel_futures)
        dropped = queue_take_all(&p->queue);
    started = p->started;
    join = wait && started && !p->joined;
    if (join)
        p->joined = true;
    pthread_mutex_unlock(&p->lock);
    finish_dropped(dropped);
    if (started)
        wake_manager(p);
    if (join)
        pthread_join(p->manager, NULL);
}

static void procpool_destroy(tw_executor *ex)
{
    struct process_pool *p = (struct process_pool *)ex;
    if (!p->started)
        stop_workers(p);                /* forked, but the manager never started */
    close(p->wakefd);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

static const struct executor_class process_pool_class =
    { procpool_submit, procpool_shutdown, procpool_destroy };

tw_error *tw_process_pool_new(int max_workers, tw_executor **executor)
{
    struct process_pool *p;
    tw_error *err = check_max_workers(max_workers);
    *executor = NULL;
    if (err)
        return err;
    p = tw__alloc(sizeof *p);
    p->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (p->wakefd < 0) {
        err = tw_os_error_new(errno, NULL);
        free(p);
        return err;
    }
    p->ex.cls = &process_pool_class;
    pthread_mutex_init(&p->lock, NULL);
    p->max_workers = max_workers ? max_workers : cpu_count();
    *executor = &p->ex;
    return NULL;
}
#line 1928 "chapters/tier5-executors.nw"
static tw_error default_shut_down =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Executor shutdown has been called");
static tw_error loop_closed =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Event loop is closed");
static tw_error not_a_thread_pool =
    TW__STATIC_ERROR(TW_ERR_TYPE, "TypeError", "executor must be ThreadPoolExecutor instance");

static void shut_default_down_at_run_end(tw_loop *L, struct tw__loop_executors *E)
{
    if (!E->default_shutdown_step) {
        E->default_shutdown_step = true;
        tw__loop_add_shutdown_step(L, tw_loop_shutdown_default_executor);
    }
}

static tw_error *executor_for(tw_loop *L, tw_executor **ex)
{
    struct tw__loop_executors *E;
    if (L->closed)
        return &loop_closed;
    if (*ex)
        return NULL;
    E = tw__executors_of(L);
    if (E->executor_shutdown_called)
        return &default_shut_down;
    if (E->default_executor == NULL) {
        tw_error *err = tw_thread_pool_new(0, &E->made_default);
        if (err)
            return err;
        E->default_executor = E->made_default;
        shut_default_down_at_run_end(L, E);
    }
    *ex = E->default_executor;
    return NULL;
}

tw_error *tw_loop_set_default_executor(tw_loop *L, tw_executor *ex)
{
    struct tw__loop_executors *E;
    if (ex == NULL || ex->cls != &thread_pool_class)
        return &not_a_thread_pool;
    E = tw__executors_of(L);
    E->default_executor = ex;
    shut_default_down_at_run_end(L, E);
    return NULL;
}

tw_error *tw_run_in_executor(tw_loop *L, tw_executor *ex, tw_work_fn fn, void *arg,
                             tw_future **future)
{
    struct tw__job *j;
    tw_error *err = executor_for(L, &ex);
    *future = NULL;
    if (err)
        return err;
    j = job_new(JOB_WORD);
    j->fn = fn;
    j->arg = arg;
    return submit(L, ex, j, future);
}

tw_error *tw_run_in_executor_bytes(tw_loop *L, tw_executor *ex, tw_bytes_fn fn,
                                   const void *arg, size_t len, tw_future **future)
{
    struct tw__job *j;
    tw_error *err = executor_for(L, &ex);
    *future = NULL;
    if (err)
        return err;
    j = job_new(JOB_BYTES);
    j->bfn = fn;
    j->barg = tw_bytes_new(arg, len);
    return submit(L, ex, j, future);
}
#line 2012 "chapters/tier5-executors.nw"
struct shutdown_frame {
    tw_coro co;
    tw_loop *loop;
    tw_executor *helper;
};

static tw_error *shut_down_and_wait(void *executor, tw_value *result)
{
    (void)result;
    tw_executor_shutdown(executor, true, false);
    return NULL;
}

static void shutdown_cleanup(tw_coro *co)
{
    tw_executor_free(((struct shutdown_frame *)co)->helper);
}

static tw_step shutdown_body(tw_coro *co)
{
    struct shutdown_frame *f = (struct shutdown_frame *)co;
    struct tw__loop_executors *E = tw__executors_of(f->loop);
    tw_future *done;
    tw_error *err;
    TW_BEGIN(co);
    E->executor_shutdown_called = true;
    if (E->default_executor == NULL)
        TW_RETURN(co, TW_NONE);
    if ((err = tw_thread_pool_new(1, &f->helper)) != NULL
        || (err = tw_run_in_executor(f->loop, f->helper, shut_down_and_wait,
                                     E->default_executor, &done)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, done);
    TW_END(co);
}

tw_coro *tw_loop_shutdown_default_executor(tw_loop *loop)
{
    struct shutdown_frame *f = tw_coro_new(shutdown_body, sizeof *f);
    f->loop = loop;
    f->co.cleanup = shutdown_cleanup;
    return &f->co;
}
#line 2062 "chapters/tier5-executors.nw"
struct to_thread_frame {
    tw_coro co;
    tw_work_fn fn;
    void *arg;
};

static tw_step to_thread_body(tw_coro *co)
{
    struct to_thread_frame *f = (struct to_thread_frame *)co;
    tw_loop *L = tw__running;
    tw_executor *ex = NULL;
    tw_future *fut;
    struct tw__job *j;
    tw_error *err;
    TW_BEGIN(co);
    if ((err = executor_for(L, &ex)) != NULL)
        TW_RAISE(co, err);
    j = job_new(JOB_WORD);
    j->fn = f->fn;
    j->arg = f->arg;
    j->in_context = true;
    j->vars = tw__vars_ref(tw__vars_current());
    if ((err = submit(L, ex, j, &fut)) != NULL)
        TW_RAISE(co, err);
    TW_AWAIT(co, fut);
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw_to_thread(tw_work_fn fn, void *arg)
{
    struct to_thread_frame *f = tw_coro_new(to_thread_body, sizeof *f);
    f->fn = fn;
    f->arg = arg;
    return &f->co;
}
#line 2109 "chapters/tier5-executors.nw"
struct tw_cfuture {
    tw_object obj;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    enum { CF_PENDING, CF_CANCELLED, CF_FINISHED } state;
    tw_value value;
    tw_error *error;
    void (*watcher)(tw_cfuture *f, void *arg);
    void *watcher_arg;
};

static tw_error cfuture_done_already =
    TW__STATIC_ERROR(TW_ERR_INVALID_STATE, "InvalidStateError", "the future is done already");

static void cfuture_finalize(tw_object *o)
{
    tw_cfuture *f = (tw_cfuture *)o;
    tw_unref(f->error);
    pthread_cond_destroy(&f->changed);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

static void cfuture_describe(tw_object *o, FILE *out)
{
    static const char *const states[] = { "pending", "cancelled", "finished" };
    tw_cfuture *f = (tw_cfuture *)o;
    int state;
    pthread_mutex_lock(&f->lock);
    state = f->state;
    pthread_mutex_unlock(&f->lock);
    fprintf(out, "<Future at %p state=%s>", (void *)f, states[state]);
}

static const tw_class cfuture_class = { cfuture_finalize, cfuture_describe, NULL };

tw_cfuture *tw_cfuture_new(void)
{
    tw_cfuture *f = tw__alloc(sizeof *f);
    pthread_condattr_t attr;
    tw_object_init(&f->obj, &cfuture_class, TW__SHARED);
    pthread_mutex_init(&f->lock, NULL);
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&f->changed, &attr);
    pthread_condattr_destroy(&attr);
    return f;
}

static bool cfuture_complete(tw_cfuture *f, int state, tw_value value, tw_error *error)
{
    void (*watcher)(tw_cfuture *, void *);
    pthread_mutex_lock(&f->lock);
    if (f->state != CF_PENDING) {
        pthread_mutex_unlock(&f->lock);
        tw_unref(error);
        return false;
    }
    f->state = state;
    f->value = value;
    f->error = error;
    watcher = f->watcher;
    f->watcher = NULL;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    if (watcher)
        watcher(f, f->watcher_arg);
    return true;
}

static void cfuture_watch(tw_cfuture *f, void (*watcher)(tw_cfuture *, void *), void *arg)
{
    pthread_mutex_lock(&f->lock);
    if (f->state == CF_PENDING) {
        f->watcher = watcher;
        f->watcher_arg = arg;
        watcher = NULL;
    }
    pthread_mutex_unlock(&f->lock);
    if (watcher)
        watcher(f, arg);
}

tw_error *tw_cfuture_set_result(tw_cfuture *f, tw_value value)
{
    return cfuture_complete(f, CF_FINISHED, value, NULL) ? NULL : &cfuture_done_already;
}

tw_error *tw_cfuture_set_exception(tw_cfuture *f, tw_error *error)
{
    return cfuture_complete(f, CF_FINISHED, TW_NONE, error) ? NULL : &cfuture_done_already;
}

bool tw_cfuture_cancel(tw_cfuture *f)
{
    return cfuture_complete(f, CF_CANCELLED, TW_NONE, NULL);
}

bool tw_cfuture_cancelled(tw_cfuture *f)
{
    bool cancelled;
    pthread_mutex_lock(&f->lock);
    cancelled = f->state == CF_CANCELLED;
    pthread_mutex_unlock(&f->lock);
    return cancelled;
}

tw_error *tw_cfuture_result(tw_cfuture *f, double timeout, tw_value *result)
{
    struct timespec deadline;
    tw_error *err = NULL;
    if (result)
        *result = TW_NONE;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (!isinf(timeout)) {
        double end = (double)deadline.tv_sec + (double)deadline.tv_nsec / 1e9 + timeout;
        deadline.tv_sec = (time_t)end;
        deadline.tv_nsec = (long)((end - (double)deadline.tv_sec) * 1e9);
    }
    pthread_mutex_lock(&f->lock);
    while (f->state == CF_PENDING)
        if (isinf(timeout))
            pthread_cond_wait(&f->changed, &f->lock);
        else if (pthread_cond_timedwait(&f->changed, &f->lock, &deadline) == ETIMEDOUT)
            break;
    if (f->state == CF_PENDING)
        err = tw_error_new(TW_ERR_TIMEOUT, NULL);
    else if (f->state == CF_CANCELLED)
        err = tw_error_new(TW_ERR_CANCELLED, NULL);
    else if (f->error)
        err = tw_ref(f->error);
    else if (result)
        *result = f->value;
    pthread_mutex_unlock(&f->lock);
    return err;
}
#line 2261 "chapters/tier5-executors.nw"
struct handover { tw_cfuture *cf; tw_coro *coro; tw_loop *loop; };

static tw_error *cancel_task(void *task)
{
    tw_task_cancel(task, NULL);
    tw_unref((tw_task *)task);
    return NULL;
}

static void cancel_task_on_its_loop(tw_cfuture *cf, void *task)
{
    tw_task *t = task;
    if (cf->state != CF_CANCELLED)
        tw_unref(t);
    else
        tw_unref(tw_call_soon_threadsafe(t->fut.loop, cancel_task, t));
}

static tw_error *task_to_cfuture(tw_future *task, void *arg)
{
    tw_cfuture *cf = arg;
    tw_value v;
    tw_error *e;
    if (tw_future_cancelled(task))
        tw_cfuture_cancel(cf);
    else {
        tw__future_outcome(task, &v, &e);          /* marks the error retrieved, as asyncio does */
        cfuture_complete(cf, CF_FINISHED, v, e);
    }
    tw_unref(cf);
    return NULL;
}

static tw_error *start_handed_over(void *arg)
{
    struct handover *h = arg;
    tw_loop_unhold(h->loop);
    if (tw_cfuture_cancelled(h->cf)) {
        tw_coro_close(h->coro);
        tw_unref(h->cf);
    } else {
        tw_task *t = tw_loop_create_task(h->loop, h->coro, NULL);
        tw_future_add_done_callback(tw_task_future(t), task_to_cfuture, h->cf);
        cfuture_watch(h->cf, cancel_task_on_its_loop, t);      /* takes the reference */
    }
    free(h);
    return NULL;
}

tw_cfuture *tw_run_coroutine_threadsafe(tw_coro *coro, tw_loop *loop)
{
    tw_cfuture *cf = tw_cfuture_new();
    struct handover *h = tw__alloc(sizeof *h);
    tw_error *err;
    h->cf = tw_ref(cf);
    h->coro = coro;
    h->loop = loop;
    tw_loop_hold(loop);
    if ((err = tw_call_soon_threadsafe(loop, start_handed_over, h)) != NULL) {
        tw_loop_unhold(loop);
        tw_coro_close(coro);
        tw_cfuture_set_exception(cf, err);
        tw_unref(h->cf);
        free(h);
    }
    return cf;
}
#line 2338 "chapters/tier5-executors.nw"
struct wrapping { tw_future *wrapper; tw_cfuture *cf; };

static tw_error *copy_into_wrapper(void *arg)
{
    struct wrapping *w = arg;
    tw_future *f = w->wrapper;
    tw_cfuture *cf = w->cf;
    tw_error *err = NULL;
    if (!tw_future_done(f)) {
        if (cf->state == CF_CANCELLED)
            tw_future_cancel(f, NULL);
        else if (cf->error)
            err = tw_future_set_exception(f, tw_ref(cf->error));
        else
            err = tw_future_set_result(f, cf->value);
    }
    tw_loop_unhold(tw_future_loop(f));
    tw_unref(f);
    tw_unref(cf);
    free(w);
    return err;
}

static void send_to_wrapper(tw_cfuture *cf, void *w)
{
    (void)cf;
    tw_unref(tw_call_soon_threadsafe(tw_future_loop(((struct wrapping *)w)->wrapper),
                                     copy_into_wrapper, w));
}

static tw_error *cancel_wrapped(tw_future *wrapper, void *arg)
{
    tw_cfuture *cf = arg;
    if (tw_future_cancelled(wrapper))
        tw_cfuture_cancel(cf);
    tw_unref(cf);
    return NULL;
}

tw_future *tw__wrap_concurrent(tw_loop *loop, tw_cfuture *cf)
{
    struct wrapping *w = tw__alloc(sizeof *w);
    tw_future *f = tw_future_new(loop);
    w->wrapper = tw_ref(f);
    w->cf = tw_ref(cf);
    tw_loop_hold(loop);
    tw_future_add_done_callback(f, cancel_wrapped, tw_ref(cf));
    cfuture_watch(cf, send_to_wrapper, w);
    return f;
}

tw_future *tw__wrap_asyncio(tw_loop *loop, tw_future *f)
{
    (void)loop;
    return tw_ref(f);
}
#line 2405 "chapters/tier5-executors.nw"
static void drop_future(struct tw__job *j)
{
    j->fut->job = NULL;
    tw_unref(&j->fut->fut);
    j->fut = NULL;
}

static void executors_loop_closed(tw__resource *r)
{
    struct tw__loop_executors *E = (struct tw__loop_executors *)(void *)
        ((char *)r - offsetof(struct tw__loop_executors, executors_at_close));
    tw_loop *L = E->loop;
    struct tw__inbox *in = E->inbox;
    struct tw__job *done;
    tw__resource_detach(L, r);
    if (E->default_executor != E->made_default)
        tw_executor_shutdown(E->default_executor, false, false);
    tw_executor_free(E->made_default);
    tw_executor_free(E->child_watcher);
    E->default_executor = E->made_default = E->child_watcher = NULL;
    if (in == NULL)
        return;
    pthread_mutex_lock(&in->lock);
    in->loop = NULL;
    done = queue_take_all(&in->done);
    for (struct tw__job *j = in->inflight; j; j = j->next_inflight)
        drop_future(j);
    pthread_mutex_unlock(&in->lock);
    while (done) {
        struct tw__job *next = done->next;
        drop_future(done);
        job_free(done);
        done = next;
    }
    E->inbox = NULL;
    tw__unref(&in->obj);
}
