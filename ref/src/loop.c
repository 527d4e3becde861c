#line 676 "chapters/tier2-event-loop.nw"
/* loop.c -- the event loop */
#include "loop.h"
#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

_Thread_local tw_loop *tw__running;

#line 711 "chapters/tier2-event-loop.nw"
static tw_error closed_error =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Event loop is closed");
static tw_error running_error =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "This event loop is already running");
static tw_error other_running_error = TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError",
    "Cannot run the event loop while another loop is running");
static tw_error close_running_error =
    TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError", "Cannot close a running event loop");
static tw_error other_thread_error = TW__STATIC_ERROR(TW_ERR_RUNTIME, "RuntimeError",
    "Non-thread-safe operation invoked on an event loop other than the current one");
#line 726 "chapters/tier2-event-loop.nw"
static tw_handle *handle_new(tw_loop *loop, tw_callback_fn fn, void *arg, void *obj)
{
    unsigned cls;
    tw_handle *h = tw__pool_get(sizeof *h, &cls);   /* every field is set below */
    h->refs = 1;
    h->pool_class = (uint8_t)cls;
    h->cancelled = false;
    h->done_form = false;
    h->loop = loop;
    h->fn.cb = fn;
    h->arg = arg;
    h->obj = tw__ref(obj);
    h->keep = NULL;
    h->when = 0;
    h->seq = 0;
    h->next = NULL;
    return h;
}

static void handle_free(tw_handle *h)
{
    if (h->obj)
        tw_unref(h->obj);
    if (h->keep)
        tw_unref(h->keep);
    tw__pool_give(h, h->pool_class);
}

void tw_handle_release(tw_handle *h)
{
    if (h != NULL && --h->refs == 0)
        handle_free(h);
}

void tw_handle_cancel(tw_handle *h)
{
    if (h->cancelled)
        return;
    h->cancelled = true;
    if (h->seq != 0 && h->loop && !h->loop->closed)
        h->loop->ncancelled++;
}

bool tw_handle_cancelled(const tw_handle *h) { return h->cancelled; }
double tw_handle_when(const tw_handle *h) { return h->when; }
#line 862 "chapters/tier2-event-loop.nw"
static tw_handle *ready_pop(tw_loop *L)
{
    struct tw__ring *r = &L->ready;
    tw_handle *h = r->buf[r->head];
    r->head = (r->head + 1) & (r->cap - 1);
    r->len--;
    return h;
}

static _Atomic(tw__ready_runner) object_runners[8];    /* the same for every thread */

void tw__ready_set_runner(unsigned runner, tw__ready_runner run)
{
    atomic_store_explicit(&object_runners[runner], run, memory_order_relaxed);
}

static void run_object(tw_object *o, unsigned runner, bool run)
{
    atomic_load_explicit(&object_runners[runner], memory_order_relaxed)(o, run);
    tw_unref(o);
}


static unsigned ready_runner(const tw_handle *h)    /* 0: h is a handle */
{
    return (unsigned)((uintptr_t)h & 7);
}

static tw_object *ready_object(tw_handle *h, unsigned runner)
{
    return (tw_object *)(void *)((uintptr_t)h - runner);
}

static void ready_drop(tw_handle *h)
{
    unsigned runner = ready_runner(h);
    if (runner)
        run_object(ready_object(h, runner), runner, false);
    else
        tw_handle_release(h);
}
#line 931 "chapters/tier2-event-loop.nw"
enum { HEAP_ARITY = 4 };

static bool timer_before(const struct tw__timer *a, double when, const tw_handle *h)
{
    return a->when < when || (a->when == when && a->h->seq < h->seq);
}

static size_t earliest_child(const struct tw__timer *heap, size_t first, size_t n)
{
    size_t end = first + HEAP_ARITY < n ? first + HEAP_ARITY : n, m = first;
    for (size_t c = first + 1; c < end; c++)
        if (timer_before(&heap[c], heap[m].when, heap[m].h))
            m = c;
    return m;
}

/* The hole at i moves up until its parent is before (when, h), then takes h. */
static void heap_sift_up(struct tw__timer *heap, size_t i, double when, tw_handle *h)
{
    while (i > 0) {
        size_t parent = (i - 1) / HEAP_ARITY;
        if (timer_before(&heap[parent], when, h))
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = (struct tw__timer){ when, h };
}

static void heap_sift_down(struct tw__timer *heap, size_t n, size_t i)
{
    struct tw__timer t = heap[i];
    for (;;) {
        size_t c = HEAP_ARITY * i + 1;
        if (c >= n)
            break;
        c = earliest_child(heap, c, n);
        if (!timer_before(&heap[c], t.when, t.h))
            break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = t;
}

static void heapify(struct tw__timer *heap, size_t n)
{
    for (size_t i = n / HEAP_ARITY + 1; i-- > 0;)
        heap_sift_down(heap, n, i);
}

static void heap_push(tw_loop *L, tw_handle *h)
{
    if (L->nheap == L->capheap) {
        L->capheap = L->capheap ? 2 * L->capheap : 64;
        L->heap = tw__realloc(L->heap, L->capheap * sizeof *L->heap);
    }
    heap_sift_up(L->heap, L->nheap++, h->when, h);
}

static void leaves_heap(tw_loop *L, tw_handle *h)
{
    h->seq = 0;               /* out of the heap: cancelling no longer counts */
    if (h->cancelled)
        L->ncancelled--;
}

static tw_handle *heap_pop(tw_loop *L)
{
    struct tw__timer *heap = L->heap;
    tw_handle *top = heap[0].h;
    size_t n = --L->nheap, i = 0, c;
    if (n > 0) {
        while ((c = HEAP_ARITY * i + 1) < n) {     /* the hole goes down to a leaf */
            c = earliest_child(heap, c, n);
            heap[i] = heap[c];
            i = c;
        }
        heap_sift_up(heap, i, heap[n].when, heap[n].h);   /* the last entry fills it */
        __builtin_prefetch(heap[0].h);
    }
    leaves_heap(L, top);
    return top;
}

static void heap_drop_cancelled(tw_loop *L)
{
    size_t n = 0;
    for (size_t i = 0; i < L->nheap; i++) {
        tw_handle *h = L->heap[i].h;
        if (h->cancelled) {
            h->seq = 0;
            tw_handle_release(h);
        } else
            L->heap[n++] = L->heap[i];
    }
    L->nheap = n;
    L->ncancelled = 0;
    heapify(L->heap, n);
}
#line 1058 "chapters/tier2-event-loop.nw"
enum { HEAP_BULK = 1024, HEAP_SAMPLES = 64 };

static bool many_due(const tw_loop *L, double end)
{
    size_t due = 0, stride = L->nheap / HEAP_SAMPLES;
    for (size_t i = 0; i < HEAP_SAMPLES; i++)
        due += L->heap[i * stride + stride / 2].when < end;
    return due >= HEAP_SAMPLES / 8;
}

static uint64_t deadline_bits(double when)
{
    uint64_t u;
    memcpy(&u, &when, sizeof u);
    return u >> 63 ? ~u : u | UINT64_C(1) << 63;
}

static int by_seq(const void *a, const void *b)
{
    uint64_t x = ((const struct tw__timer *)a)->h->seq;
    uint64_t y = ((const struct tw__timer *)b)->h->seq;
    return (x > y) - (x < y);
}

static void sort_timers(struct tw__timer *t, size_t n)
{
    size_t count[8][256] = { { 0 } };
    struct tw__timer *scratch = tw__alloc(n * sizeof *scratch), *from = t, *to = scratch;
    for (size_t i = 0; i < n; i++) {
        uint64_t u = deadline_bits(t[i].when);
        for (int d = 0; d < 8; d++)
            count[d][(u >> (8 * d)) & 255]++;
    }
    for (int d = 0; d < 8; d++) {
        size_t offset = 0, *slot = count[d];
        struct tw__timer *swap;
        if (slot[(deadline_bits(t[0].when) >> (8 * d)) & 255] == n)
            continue;                       /* every deadline has this byte */
        for (int b = 0; b < 256; b++) {
            size_t c = slot[b];
            slot[b] = offset;
            offset += c;
        }
        for (size_t i = 0; i < n; i++)
            to[slot[(deadline_bits(from[i].when) >> (8 * d)) & 255]++] = from[i];
        swap = from;
        from = to;
        to = swap;
    }
    if (from != t)
        memcpy(t, from, n * sizeof *t);
    free(scratch);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && t[j].when == t[i].when;)
            j++;
        if (j - i > 1)
            qsort(t + i, j - i, sizeof *t, by_seq);
    }
}

static void heap_take_due(tw_loop *L, double end)
{
    size_t n = L->nheap, due = 0;
    for (size_t i = 0; i < n; i++)
        if (L->heap[i].when < end) {
            struct tw__timer t = L->heap[i];
            L->heap[i] = L->heap[due];
            L->heap[due++] = t;
        }
    sort_timers(L->heap, due);
    for (size_t i = 0; i < due; i++) {
        leaves_heap(L, L->heap[i].h);
        tw__ready_push(L, L->heap[i].h);
    }
    memmove(L->heap, L->heap + due, (n - due) * sizeof *L->heap);
    L->nheap = n - due;
    heapify(L->heap, L->nheap);
}
#line 1147 "chapters/tier2-event-loop.nw"
static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double tw_loop_time(const tw_loop *L)
{
    return L->is_virtual ? L->vstart + L->offset : monotonic_now();
}

bool tw_loop_is_virtual(const tw_loop *L) { return L->is_virtual; }
void tw_loop_set_debug(tw_loop *L, bool enabled) { L->debug = enabled; }
bool tw_loop_get_debug(const tw_loop *L) { return L->debug; }
void tw_loop_set_slow_callback_duration(tw_loop *L, double seconds)
{
    L->slow_callback_duration = seconds;
}
double tw_loop_get_slow_callback_duration(const tw_loop *L) { return L->slow_callback_duration; }
#line 1492 "chapters/tier2-event-loop.nw"
static tw__resource *stage_ring(tw_loop *L, int order)
{
    struct tw__close_stage **at = &L->stages, *s;
    while (*at && (*at)->order < order)
        at = &(*at)->next;
    if (*at && (*at)->order == order)
        return &(*at)->ring;
    s = tw__alloc(sizeof *s);
    s->order = order;
    s->ring.prev = s->ring.next = &s->ring;
    s->next = *at;
    *at = s;
    return &s->ring;
}

void tw__resource_attach_in(tw_loop *L, tw__resource *r, int order,
                            void (*close)(tw__resource *r))
{
    tw__resource *head = stage_ring(L, order);
    r->close = close;
    r->prev = head;
    r->next = head->next;
    head->next->prev = r;
    head->next = r;
}

void tw__resource_attach(tw_loop *L, tw__resource *r, void (*close)(tw__resource *r))
{
    tw__resource_attach_in(L, r, TW__CLOSE_LAST, close);
}

void tw__resource_detach(tw_loop *L, tw__resource *r)
{
    (void)L;                    /* the ring needs only r's neighbours */
    if (!tw__resource_attached(r))
        return;
    r->prev->next = r->next;
    r->next->prev = r->prev;
    r->prev = r->next = NULL;
}

static void close_attached(tw_loop *L)
{
    for (struct tw__close_stage *s = L->stages; s; s = s->next)
        while (s->ring.next != &s->ring)
            s->ring.next->close(s->ring.next);
}

static void free_stages(tw_loop *L)
{
    while (L->stages) {
        struct tw__close_stage *s = L->stages;
        L->stages = s->next;
        free(s);
    }
}
#line 1605 "chapters/tier2-event-loop.nw"
static atomic_size_t keys_given;    /* the last key's number; numbers start at 1 */

static size_t key_number(tw__loop_key *key)
{
    size_t number = atomic_load_explicit(&key->index, memory_order_acquire);
    if (number == 0) {
        size_t drawn = atomic_fetch_add_explicit(&keys_given, 1, memory_order_relaxed) + 1;
        if (atomic_compare_exchange_strong(&key->index, &number, drawn))
            number = drawn;     /* otherwise number is the one another thread stored */
    }
    return number;
}

void *tw__loop_state_make(tw_loop *L, tw__loop_key *key, size_t size,
                          tw__state_release_fn release)
{
    size_t i = key_number(key);
    if (i >= L->nstates) {
        size_t n = L->nstates ? L->nstates : 4;
        while (n <= i)
            n *= 2;
        L->states = tw__realloc(L->states, n * sizeof *L->states);
        memset(L->states + L->nstates, 0, (n - L->nstates) * sizeof *L->states);
        L->nstates = n;
    }
    if (L->states[i].state == NULL) {
        L->states[i].state = tw__alloc(size);
        L->states[i].release = release;
    }
    return L->states[i].state;
}

static void free_states(tw_loop *L)
{
    for (size_t i = 0; i < L->nstates; i++)
        if (L->states[i].state) {
            if (L->states[i].release)
                L->states[i].release(L, L->states[i].state);
            free(L->states[i].state);
        }
    free(L->states);
}
#line 1183 "chapters/tier2-event-loop.nw"
void tw__loop_add_shutdown_step(tw_loop *L, tw__shutdown_fn make)
{
    struct tw__shutdown_step **tail = &L->shutdown_steps, *s = tw__alloc(sizeof *s);
    while (*tail)
        tail = &(*tail)->next;
    s->make = make;
    s->next = NULL;
    *tail = s;
}

static void free_shutdown_steps(tw_loop *L)
{
    while (L->shutdown_steps) {
        struct tw__shutdown_step *s = L->shutdown_steps;
        L->shutdown_steps = s->next;
        free(s);
    }
}
#line 1223 "chapters/tier2-event-loop.nw"
static void report_never_awaited(tw_coro *co)
{
    tw_loop *L = tw__running;
    tw_frame frame;
    char msg[160];
    tw_context ctx = { .message = msg };
    if (L == NULL || !L->debug || !tw_coro_frame(co, &frame))
        return;
    snprintf(msg, sizeof msg, "coroutine '%s' was never awaited", frame.name);
    tw_loop_call_exception_handler(L, &ctx);
}

static void register_agen(tw_agen *g)
{
    tw_loop *L = tw__running;
    tw_agen **tail;
    if (L == NULL)
        return;
    for (tail = &L->agens; *tail; tail = &(*tail)->next)
        ;
    g->next = NULL;
    *tail = g;
    tw_ref(&g->co);
    if (!L->agens_step) {
        struct tw__shutdown_step *s = tw__alloc(sizeof *s);
        s->make = tw_loop_shutdown_asyncgens;
        s->next = L->shutdown_steps;
        L->shutdown_steps = s;
        L->agens_step = true;
    }
}

struct agens_frame { tw_coro co; tw_loop *loop; tw_agen *g; };

static void agens_cleanup(tw_coro *co)
{
    struct agens_frame *f = (struct agens_frame *)co;
    if (f->g)
        tw_unref(&f->g->co);
}

static tw_step shutdown_agens_body(tw_coro *co)
{
    struct agens_frame *f = (struct agens_frame *)co;
    TW_BEGIN(co);
    while ((f->g = f->loop->agens) != NULL) {
        f->loop->agens = f->g->next;
        f->g->next = NULL;
        TW_AWAIT_TRY(co, tw_agen_aclose(f->g));
        if (TW_ERROR(co)) {
            tw_context ctx = { .message = "an error occurred during closing of "
                                          "asynchronous generator", .error = TW_ERROR(co) };
            tw_loop_call_exception_handler(f->loop, &ctx);
            TW_CLEAR(co);
        }
        tw_unref(&f->g->co);
        f->g = NULL;
    }
    TW_END(co);
}

tw_coro *tw_loop_shutdown_asyncgens(tw_loop *L)
{
    struct agens_frame *f = tw_coro_new(shutdown_agens_body, sizeof *f);
    f->loop = L;
    f->co.cleanup = agens_cleanup;
    return &f->co;
}

static void drop_agens(tw_loop *L)
{
    while (L->agens) {
        tw_agen *g = L->agens;
        L->agens = g->next;
        g->next = NULL;
        tw_unref(&g->co);
    }
}
#line 1309 "chapters/tier2-event-loop.nw"
tw_loop *tw_loop_new_clock(tw_clock clock)
{
    tw_loop *L = tw__alloc(sizeof *L);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = UINT64_MAX };
    if (clock == TW_CLOCK_DEFAULT) {
        const char *env = getenv("TOWER_CLOCK");
        clock = env && strcmp(env, "virtual") == 0 ? TW_CLOCK_VIRTUAL : TW_CLOCK_REAL;
    }
    L->is_virtual = clock == TW_CLOCK_VIRTUAL;
    L->debug = getenv("PYTHONASYNCIODEBUG") && *getenv("PYTHONASYNCIODEBUG");
    L->slow_callback_duration = 0.1;
    L->vstart = monotonic_now();
    L->epfd = epoll_create1(EPOLL_CLOEXEC);
    L->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    L->sigfd = -1;
    if (L->epfd < 0 || L->wakefd < 0 || epoll_ctl(L->epfd, EPOLL_CTL_ADD, L->wakefd, &ev) < 0)
        tw__fatal("cannot make an event loop: %s", strerror(errno));
    sigemptyset(&L->sigmask);
    sigemptyset(&L->passive_signals);
    atomic_store(&tw__agen_firstiter, register_agen);
    atomic_store(&tw__coro_never_awaited, report_never_awaited);
    pthread_mutex_init(&L->ts_lock, NULL);
    atomic_init(&L->ts_pending, false);
    atomic_init(&L->external, 0);
    tw__pool_use();
    return L;
}

tw_loop *tw_loop_new(void)
{
    return tw_loop_new_clock(TW_CLOCK_DEFAULT);
}
#line 1350 "chapters/tier2-event-loop.nw"
bool tw_loop_is_running(const tw_loop *L) { return L->running; }
bool tw_loop_is_closed(const tw_loop *L) { return L->closed; }
tw_loop *tw_get_running_loop(void) { return tw__running; }

static _Thread_local tw_loop *current;     /* set_event_loop's, per thread */
void tw_set_event_loop(tw_loop *L) { current = L; }
tw_loop *tw_get_event_loop(void) { return tw__running ? tw__running : current; }

void tw_loop_hold(tw_loop *L) { atomic_fetch_add(&L->external, 1); }
void tw_loop_unhold(tw_loop *L) { atomic_fetch_sub(&L->external, 1); }
#line 1370 "chapters/tier2-event-loop.nw"
tw_error *tw_loop_close(tw_loop *L)
{
    if (L->running)
        return &close_running_error;
    if (L->closed)
        return NULL;
    close_attached(L);
    drop_agens(L);
    pthread_mutex_lock(&L->ts_lock);
    L->closed = true;
    pthread_mutex_unlock(&L->ts_lock);
    while (L->ready.len)
        ready_drop(ready_pop(L));
    for (size_t i = 0; i < L->nheap; i++) {
        L->heap[i].h->seq = 0;
        tw_handle_release(L->heap[i].h);
    }
    L->nheap = L->ncancelled = 0;
    while (L->ts_head) {
        tw_handle *h = L->ts_head;
        L->ts_head = h->next;
        tw_handle_release(h);
    }
    for (size_t fd = 0; fd < L->capwatch; fd++) {
        tw_handle_release(L->watch[fd].reader);
        tw_handle_release(L->watch[fd].writer);
    }
    for (int sig = 1; sig < _NSIG; sig++)
        if (L->sighandlers[sig])
            tw_loop_remove_signal_handler(L, sig);
    close(L->epfd);
    close(L->wakefd);
    if (L->sigfd >= 0)
        close(L->sigfd);
    return NULL;
}

void tw_loop_free(tw_loop *L)
{
    if (L == NULL)
        return;
    if (L->running)
        tw__fatal("tw_loop_free: the loop is running");
    if (current == L)
        current = NULL;
    tw_loop_close(L);
    free(L->ready.buf);
    free(L->heap);
    free(L->watch);
    free_shutdown_steps(L);
    free_stages(L);
    free_states(L);
    pthread_mutex_destroy(&L->ts_lock);
    free(L);
    tw__pool_unuse();
}
#line 1665 "chapters/tier2-event-loop.nw"
static tw_error *schedulable(const tw_loop *L)
{
    if (L->closed)
        return &closed_error;
    if (L->debug && L->running && tw__running != L)
        return &other_thread_error;
    return NULL;
}

void tw__schedule(tw_loop *L, tw_callback_fn fn, void *arg, void *obj)
{
    tw__ready_push(L, handle_new(L, fn, arg, obj));
}

void tw__schedule_done(tw_loop *L, tw_done_fn fn, tw_future *f, void *arg, void *keep)
{
    tw_handle *h = handle_new(L, NULL, arg, f);
    h->keep = keep;
    h->done_form = true;
    h->fn.done = fn;
    tw__ready_push(L, h);
}

tw_error *tw_call_soon(tw_loop *L, tw_callback_fn fn, void *arg, tw_handle **handle)
{
    tw_handle *h;
    tw_error *err = schedulable(L);
    if (handle)
        *handle = NULL;
    if (err)
        return err;
    h = handle_new(L, fn, arg, NULL);
    tw__ready_push(L, h);
    if (handle) {
        h->refs++;
        *handle = h;
    }
    return NULL;
}

tw_handle *tw__call_at_obj(tw_loop *L, double when, tw_callback_fn fn, void *arg, void *obj)
{
    tw_handle *h = handle_new(L, fn, arg, obj);
    h->when = when;
    h->seq = ++L->seq;
    heap_push(L, h);
    return h;
}

tw_error *tw_call_at(tw_loop *L, double when, tw_callback_fn fn, void *arg, tw_handle **handle)
{
    tw_handle *h;
    tw_error *err = schedulable(L);
    if (handle)
        *handle = NULL;
    if (err)
        return err;
    h = tw__call_at_obj(L, when, fn, arg, NULL);
    if (handle) {
        h->refs++;
        *handle = h;
    }
    return NULL;
}

tw_error *tw_call_later(tw_loop *L, double delay, tw_callback_fn fn, void *arg,
                        tw_handle **handle)
{
    return tw_call_at(L, tw_loop_time(L) + delay, fn, arg, handle);
}
#line 1747 "chapters/tier2-event-loop.nw"
tw_error *tw_call_soon_threadsafe(tw_loop *L, tw_callback_fn fn, void *arg)
{
    uint64_t one = 1;
    tw_handle *h = handle_new(L, fn, arg, NULL);
    pthread_mutex_lock(&L->ts_lock);
    if (L->closed) {
        pthread_mutex_unlock(&L->ts_lock);
        handle_free(h);
        return &closed_error;
    }
    if (L->ts_tail)
        L->ts_tail->next = h;
    else
        L->ts_head = h;
    L->ts_tail = h;
    atomic_store(&L->ts_pending, true);
    pthread_mutex_unlock(&L->ts_lock);
    if (write(L->wakefd, &one, sizeof one) < 0 && errno != EAGAIN)
        tw__fatal("cannot wake the loop: %s", strerror(errno));
    return NULL;
}

static void drain_threadsafe(tw_loop *L)
{
    tw_handle *h;
    if (!atomic_load(&L->ts_pending))
        return;
    pthread_mutex_lock(&L->ts_lock);
    h = L->ts_head;
    L->ts_head = L->ts_tail = NULL;
    atomic_store(&L->ts_pending, false);
    pthread_mutex_unlock(&L->ts_lock);
    while (h) {
        tw_handle *next = h->next;
        h->next = NULL;
        tw__ready_push(L, h);
        h = next;
    }
}
#line 1801 "chapters/tier2-event-loop.nw"
static tw_error *os_error(const char *what)
{
    return tw_error_new(TW_ERR_OS, "[Errno %d] %s: %s", errno, what, strerror(errno));
}

static tw_error *watch_update(tw_loop *L, int fd, uint32_t events)
{
    struct tw__watch *w = &L->watch[fd];
    struct epoll_event ev = { .events = events, .data.u64 = (uint64_t)fd };
    int op = w->events == 0 ? EPOLL_CTL_ADD : events == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
    if (epoll_ctl(L->epfd, op, fd, &ev) < 0)
        return tw_os_error_new(errno, NULL);
    w->events = events;
    return NULL;
}

static void unmark_passive(tw_loop *L, struct tw__watch *w);

static tw_error *add_watcher(tw_loop *L, int fd, tw_callback_fn fn, void *arg, bool writer)
{
    struct tw__watch *w;
    tw_handle **slot;
    tw_error *err;
    if (L->closed)
        return &closed_error;
    if (fd < 0)
        return tw_error_new(TW_ERR_VALUE, "Invalid file descriptor: %d", fd);
    if ((size_t)fd >= L->capwatch) {
        size_t cap = L->capwatch ? L->capwatch : 16;
        while (cap <= (size_t)fd)
            cap *= 2;
        L->watch = tw__realloc(L->watch, cap * sizeof *L->watch);
        memset(L->watch + L->capwatch, 0, (cap - L->capwatch) * sizeof *L->watch);
        L->capwatch = cap;
    }
    w = &L->watch[fd];
    err = watch_update(L, fd, w->events | (writer ? EPOLLOUT : EPOLLIN));
    if (err)
        return err;
    slot = writer ? &w->writer : &w->reader;
    if (*slot) {
        tw_handle_cancel(*slot);
        tw_handle_release(*slot);
        if (!writer)
            unmark_passive(L, w);
    } else
        L->nwatchers++;
    *slot = handle_new(L, fn, arg, NULL);
    return NULL;
}

static bool remove_watcher(tw_loop *L, int fd, bool writer)
{
    struct tw__watch *w;
    tw_handle **slot;
    if (L->closed || fd < 0 || (size_t)fd >= L->capwatch)
        return false;
    w = &L->watch[fd];
    slot = writer ? &w->writer : &w->reader;
    if (*slot == NULL)
        return false;
    tw_handle_cancel(*slot);
    tw_handle_release(*slot);
    *slot = NULL;
    if (!writer)
        unmark_passive(L, w);
    L->nwatchers--;
    tw_unref(watch_update(L, fd, w->events & ~(uint32_t)(writer ? EPOLLOUT : EPOLLIN)));
    return true;
}

tw_error *tw_loop_add_reader(tw_loop *L, int fd, tw_callback_fn fn, void *arg)
{
    return add_watcher(L, fd, fn, arg, false);
}
tw_error *tw_loop_add_writer(tw_loop *L, int fd, tw_callback_fn fn, void *arg)
{
    return add_watcher(L, fd, fn, arg, true);
}
bool tw_loop_remove_reader(tw_loop *L, int fd) { return remove_watcher(L, fd, false); }
bool tw_loop_remove_writer(tw_loop *L, int fd) { return remove_watcher(L, fd, true); }

static void queue_watcher(tw_loop *L, tw_handle *h)
{
    if (h && !h->cancelled) {
        h->refs++;
        tw__ready_push(L, h);
    }
}
#line 1923 "chapters/tier2-event-loop.nw"
static void unmark_passive(tw_loop *L, struct tw__watch *w)
{
    if (w->passive) {
        w->passive = false;
        L->npassive--;
    }
}

tw_error *tw__loop_add_passive_reader(tw_loop *L, int fd, tw_callback_fn fn, void *arg)
{
    tw_error *err = tw_loop_add_reader(L, fd, fn, arg);
    if (err == NULL) {
        L->watch[fd].passive = true;
        L->npassive++;
    }
    return err;
}

bool tw__loop_remove_passive_reader(tw_loop *L, int fd, void *arg)
{
    if (L->closed || fd < 0 || (size_t)fd >= L->capwatch || L->watch[fd].reader == NULL
        || L->watch[fd].reader->arg != arg)
        return false;
    return tw_loop_remove_reader(L, fd);
}
#line 1955 "chapters/tier2-event-loop.nw"
static void poll_events(tw_loop *L, int timeout_ms);

static bool passive_io_ready(tw_loop *L)
{
    if (L->npassive == 0 && L->npassive_signals == 0)
        return false;
    poll_events(L, 0);
    return L->ready.len > 0;
}
#line 1980 "chapters/tier2-event-loop.nw"
static void forget_passive_signal(tw_loop *L, int sig)
{
    if (sigismember(&L->passive_signals, sig) == 1) {
        sigdelset(&L->passive_signals, sig);
        L->npassive_signals--;
    }
}

tw_error *tw_loop_add_signal_handler(tw_loop *L, int sig, tw_callback_fn fn, void *arg)
{
    sigset_t one;
    if (L->closed)
        return &closed_error;
    if (sig <= 0 || sig >= _NSIG)
        return tw_error_new(TW_ERR_VALUE, "invalid signal number %d", sig);
    if (sig == SIGKILL || sig == SIGSTOP)
        return tw_error_new(TW_ERR_RUNTIME, "sig %d cannot be caught", sig);
    forget_passive_signal(L, sig);
    sigemptyset(&one);
    sigaddset(&one, sig);
    if (L->nsignals == 0)
        pthread_sigmask(SIG_BLOCK, &one, &L->oldmask);
    else
        pthread_sigmask(SIG_BLOCK, &one, NULL);
    sigaddset(&L->sigmask, sig);
    if (L->sigfd < 0) {
        struct epoll_event ev = { .events = EPOLLIN, .data.u64 = UINT64_MAX - 1 };
        L->sigfd = signalfd(-1, &L->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
        if (L->sigfd < 0 || epoll_ctl(L->epfd, EPOLL_CTL_ADD, L->sigfd, &ev) < 0)
            return os_error("signalfd");
    } else if (signalfd(L->sigfd, &L->sigmask, 0) < 0)
        return os_error("signalfd");
    if (L->sighandlers[sig]) {
        tw_handle_cancel(L->sighandlers[sig]);
        tw_handle_release(L->sighandlers[sig]);
    } else
        L->nsignals++;
    L->sighandlers[sig] = handle_new(L, fn, arg, NULL);
    return NULL;
}

bool tw_loop_remove_signal_handler(tw_loop *L, int sig)
{
    sigset_t one;
    if (sig <= 0 || sig >= _NSIG || L->sighandlers[sig] == NULL)
        return false;
    tw_handle_cancel(L->sighandlers[sig]);
    tw_handle_release(L->sighandlers[sig]);
    L->sighandlers[sig] = NULL;
    L->nsignals--;
    forget_passive_signal(L, sig);
    sigdelset(&L->sigmask, sig);
    if (L->sigfd >= 0)
        signalfd(L->sigfd, &L->sigmask, 0);
    if (!sigismember(&L->oldmask, sig)) {
        sigemptyset(&one);
        sigaddset(&one, sig);
        pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    }
    return true;
}

tw_error *tw__loop_add_passive_signal_handler(tw_loop *L, int sig, tw_callback_fn fn, void *arg)
{
    tw_error *err = tw_loop_add_signal_handler(L, sig, fn, arg);
    if (err == NULL) {
        sigaddset(&L->passive_signals, sig);
        L->npassive_signals++;
    }
    return err;
}

static void read_signals(tw_loop *L)
{
    struct signalfd_siginfo si;
    while (read(L->sigfd, &si, sizeof si) == (ssize_t)sizeof si)
        if (si.ssi_signo < _NSIG)
            queue_watcher(L, L->sighandlers[si.ssi_signo]);
}
#line 2064 "chapters/tier2-event-loop.nw"
void tw_loop_set_exception_handler(tw_loop *L, tw_exception_handler handler, void *data)
{
    L->handler = handler;
    L->handler_data = data;
}

tw_exception_handler tw_loop_get_exception_handler(const tw_loop *L)
{
    return L->handler;
}

static void describe_in_context(const char *key, tw_object *o)
{
    fprintf(stderr, "%s: ", key);
    o->cls->describe(o, stderr);     /* a future or task describes itself */
    fputc('\n', stderr);
}

void tw_loop_default_exception_handler(tw_loop *L, const tw_context *ctx)
{
    (void)L;
    fflush(stdout);
    fprintf(stderr, "%s\n", ctx->message ? ctx->message : "Unhandled exception in event loop");
    if (ctx->handle)
        fprintf(stderr, "handle: <Handle %p>\n", (void *)ctx->handle);
    if (ctx->future)
        describe_in_context("future", (tw_object *)ctx->future);
    if (ctx->task)
        describe_in_context("task", (tw_object *)ctx->task);
    for (size_t i = 0; i < ctx->nitems; i++)
        fprintf(stderr, "%s: %s\n", ctx->items[i].key, ctx->items[i].value);
    if (ctx->error) {
        fputs("Traceback (most recent call last):\n  (a C callback)\n", stderr);
        tw_error_print(stderr, ctx->error);
    }
}

void tw_loop_call_exception_handler(tw_loop *L, const tw_context *ctx)
{
    if (L->handler)
        L->handler(L, ctx, L->handler_data);
    else
        tw_loop_default_exception_handler(L, ctx);
}

static void report_callback_error(tw_loop *L, tw_handle *h, tw_error *err)
{
    char msg[80];
    tw_context ctx = { .message = msg, .error = err, .handle = h };
    snprintf(msg, sizeof msg, "Exception in callback %p(%p)",
             h->done_form ? (void *)(uintptr_t)h->fn.done : (void *)(uintptr_t)h->fn.cb, h->arg);
    tw_loop_call_exception_handler(L, &ctx);
    tw_unref(err);
}

void tw__loop_report_done_error(tw_loop *L, tw_done_fn fn, tw_future *f, void *arg,
                                tw_error *err)
{
    tw_handle *h = handle_new(L, NULL, arg, f);   /* the handle it would have had */
    h->done_form = true;
    h->fn.done = fn;
    report_callback_error(L, h, err);
    tw_handle_release(h);
}
#line 2271 "chapters/tier2-event-loop.nw"
static inline void run_ready(tw_loop *L, tw_handle *h)
{
    unsigned runner = ready_runner(h);
    if (runner) {
        run_object(ready_object(h, runner), runner, true);
        return;
    }
    if (!h->cancelled) {
        tw_error *err = h->done_form ? h->fn.done((tw_future *)h->obj, h->arg)
                                     : h->fn.cb(h->arg);
        if (err)
            report_callback_error(L, h, err);
    }
    tw_handle_release(h);
}
#line 2302 "chapters/tier2-event-loop.nw"
static void report_slow(tw_loop *L, tw_handle *h, tw_object *o, double took)
{
    char msg[160] = "";
    FILE *out = fmemopen(msg, sizeof msg, "w");
    tw_context ctx = { .message = msg, .handle = h };
    if (out != NULL) {
        fputs("Executing ", out);
        if (o != NULL && o->cls->describe != NULL)
            o->cls->describe(o, out);
        else
            fprintf(out, "<Handle %p>", (void *)h);
        fprintf(out, " took %.3f seconds", took);
        fclose(out);
    }
    tw_loop_call_exception_handler(L, &ctx);
}

static void run_ready_timed(tw_loop *L, tw_handle *h)
{
    unsigned runner = ready_runner(h);
    tw_object *o = runner ? tw__ref(ready_object(h, runner)) : NULL;
    double began, took;
    if (o == NULL && h->cancelled) {
        tw_handle_release(h);
        return;
    }
    if (o == NULL)
        h->refs++;
    began = monotonic_now();
    run_ready(L, h);
    took = monotonic_now() - began;
    if (took >= L->slow_callback_duration)
        report_slow(L, o ? NULL : h, o, took);
    if (o != NULL)
        tw__unref(o);
    else
        tw_handle_release(h);
}
#line 2145 "chapters/tier2-event-loop.nw"
static void poll_events(tw_loop *L, int timeout_ms)
{
    struct epoll_event events[64];
    double before = L->is_virtual ? monotonic_now() : 0;
    int n = epoll_wait(L->epfd, events, 64, timeout_ms);
    if (L->is_virtual)
        L->offset += monotonic_now() - before;
    if (n < 0) {
        if (errno == EINTR)
            return;
        tw__fatal("epoll_wait: %s", strerror(errno));
    }
    for (int i = 0; i < n; i++) {
        uint64_t key = events[i].data.u64;
        uint32_t ev = events[i].events;
        if (key == UINT64_MAX) {
            uint64_t count;
            if (read(L->wakefd, &count, sizeof count) < 0 && errno != EAGAIN)
                tw__fatal("eventfd read: %s", strerror(errno));
        } else if (key == UINT64_MAX - 1) {
            read_signals(L);
        } else {
            struct tw__watch *w = &L->watch[key];
            if (ev & (EPOLLIN | EPOLLERR | EPOLLHUP))
                queue_watcher(L, w->reader);
            if (ev & (EPOLLOUT | EPOLLERR | EPOLLHUP))
                queue_watcher(L, w->writer);
        }
    }
    drain_threadsafe(L);
}

static int ms_rounded_up(double seconds)
{
    int ms = (int)(seconds * 1e3);
    return (double)ms < seconds * 1e3 ? ms + 1 : ms;
}

static bool outside_pending(const tw_loop *L)
{
    return L->nwatchers > L->npassive || L->nsignals > L->npassive_signals
        || atomic_load(&L->external) > 0;
}

static void run_once(tw_loop *L)
{
    int timeout_ms = -1;
    bool polled = false;
    drain_threadsafe(L);
    while (L->nheap && L->heap[0].h->cancelled)
        tw_handle_release(heap_pop(L));
    if (L->ncancelled > 100 && 2 * L->ncancelled > L->nheap)
        heap_drop_cancelled(L);
    if (L->ready.len || L->stopping)
        timeout_ms = 0;
    else if (L->nheap) {
        double wait = L->heap[0].when - tw_loop_time(L);
        if (wait < 0)
            wait = 0;
        if (L->is_virtual && !outside_pending(L)) {
            polled = true;
            if (!passive_io_ready(L))
                L->offset += wait;
            timeout_ms = 0;
        } else
            timeout_ms = wait > 86400 ? 86400000 : ms_rounded_up(wait);
    }
    
#line 2233 "chapters/tier2-event-loop.nw"
    if (timeout_ms != 0 && L->before_blocking && atomic_load(&L->external) > 0)
        timeout_ms = L->before_blocking(L, timeout_ms);
#line 2213 "chapters/tier2-event-loop.nw"
    if (!polled && (timeout_ms != 0 || L->nwatchers > 0 || outside_pending(L)))
        poll_events(L, timeout_ms);
    else
        drain_threadsafe(L);
    
#line 2244 "chapters/tier2-event-loop.nw"
if (L->nheap) {
    double end = tw_loop_time(L) + 1e-9;
    if (L->nheap >= HEAP_BULK && many_due(L, end))
        heap_take_due(L, end);
    while (L->nheap && L->heap[0].when < end)
        tw__ready_push(L, heap_pop(L));
}
#line 2218 "chapters/tier2-event-loop.nw"
    
#line 2259 "chapters/tier2-event-loop.nw"
for (size_t n = L->ready.len; n > 0; n--) {
    tw_handle *h = ready_pop(L);
    if (n > 4)
        __builtin_prefetch(L->ready.buf[(L->ready.head + 3) & (L->ready.cap - 1)]);
    if (L->debug)
        run_ready_timed(L, h);
    else
        run_ready(L, h);
}
#line 2219 "chapters/tier2-event-loop.nw"
}
#line 2348 "chapters/tier2-event-loop.nw"
tw_error *tw__loop_runnable(const tw_loop *L)
{
    if (L->closed)
        return &closed_error;
    if (L->running)
        return &running_error;
    if (tw__running != NULL)
        return &other_running_error;
    return NULL;
}

tw_error *tw_loop_run_forever(tw_loop *L)
{
    tw_error *err = tw__loop_runnable(L);
    if (err)
        return err;
    L->running = true;
    tw__running = L;
    for (;;) {
        run_once(L);
        if (L->stopping)
            break;
    }
    L->stopping = false;
    L->running = false;
    tw__running = NULL;
    return NULL;
}

void tw_loop_stop(tw_loop *L)
{
    L->stopping = true;
}
