#line 1418 "chapters/tier9-tests.nw"
/* check_stream_load.c -- tier 9 under load and faults: slow readers, resets, many streams */
#include "load.h"

#line 97 "chapters/tier9-seed.nw"
struct handler {
    tw_coro co;
    tw_stream_reader *reader;
    tw_stream_writer *writer;
    void *arg;
};

static void handler_cleanup(tw_coro *co)
{
    struct handler *h = (struct handler *)co;
    tw_unref(h->writer);
    tw_unref(h->reader);
}

/* the coroutine client_connected_cb(reader, writer) returns, in a frame of size bytes;
   void *, as tw_coro_new, so that a larger frame is assigned without a cast */
static void *handler_new(tw_coro_fn body, size_t size, tw_stream_reader *reader,
                         tw_stream_writer *writer, void *arg)
{
    struct handler *h = tw_coro_new(body, size);
    h->co.cleanup = handler_cleanup;
    h->reader = reader;
    h->writer = writer;
    h->arg = arg;
    return h;
}
#line 1471 "chapters/tier9-tests.nw"
enum { TOTAL = 32 << 20, PERIOD = 251, PEER_READ = 16 << 10, SOCKET_BUFFER = 32 << 10 };

static unsigned char known_bytes[(1 << 20) + PERIOD];

struct slow_peer { tw_loop *L; int fd, ticks; size_t got; bool eof, wrong; };

static tw_error *peer_tick(void *arg)
{
    static unsigned char buf[PEER_READ];
    struct slow_peer *p = arg;
    ssize_t n = read(p->fd, buf, sizeof buf);
    p->ticks++;
    if (n > 0) {
        p->wrong |= memcmp(buf, known_bytes + p->got % PERIOD, (size_t)n) != 0;
        p->got += (size_t)n;
    }
    p->eof = n == 0 || (n < 0 && errno != EAGAIN);
    if (!p->eof)
        tw_call_later(p->L, 0.001, peer_tick, p, NULL);
    return NULL;
}
#line 1501 "chapters/tier9-tests.nw"
struct drain_log {
    long high;                /* the high mark to set, and the size of a write */
    size_t chunk;
    size_t low_set, high_set, written, max_buffered;
    int drains, waited;
    bool closed;
    struct slow_peer *peer;
};

struct pattern_writer { struct handler h; tw_transport *t; size_t n, got_before; };

static void shrink_send_buffer(tw_transport *t)
{
    int fd = (int)tw_transport_get_extra_info(t, "socket", TW_NONE).i, small = SOCKET_BUFFER;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
}

static tw_step write_the_pattern(tw_coro *co)
{
    struct pattern_writer *f = (struct pattern_writer *)co;
    struct drain_log *log = f->h.arg;
    TW_BEGIN(co);
    f->t = tw_stream_writer_transport(f->h.writer);
    shrink_send_buffer(f->t);
    ck_assert_ptr_null(tw_transport_set_write_buffer_limits(f->t, log->high, TW_LIMIT_DEFAULT));
    tw_transport_get_write_buffer_limits(f->t, &log->low_set, &log->high_set);
    while (log->written < TOTAL) {
        f->n = log->chunk < TOTAL - log->written ? log->chunk : TOTAL - log->written;
        ck_assert_ptr_null(tw_stream_writer_write(f->h.writer, known_bytes + log->written % PERIOD,
                                                  f->n));
        log->written += f->n;
        if (tw_transport_get_write_buffer_size(f->t) > log->max_buffered)
            log->max_buffered = tw_transport_get_write_buffer_size(f->t);
        f->got_before = log->peer->got;
        TW_AWAIT(co, tw_stream_writer_drain(f->h.writer));
        log->drains++;
        log->waited += log->peer->got != f->got_before;
    }
    tw_stream_writer_close(f->h.writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->h.writer));
    log->closed = true;
    TW_END(co);
}

static tw_coro *pattern_handler(tw_stream_reader *reader, tw_stream_writer *writer, void *log)
{
    return handler_new(write_the_pattern, sizeof(struct pattern_writer), reader, writer, log);
}
#line 1559 "chapters/tier9-tests.nw"
static void run_until_done(tw_loop *L, bool (*done)(void *), void *arg)
{
    while (!done(arg))
        run_for(L, 0.01);
}

static bool reader_done_or_wrong(void *p)
{
    return ((struct slow_peer *)p)->eof || ((struct slow_peer *)p)->wrong;
}

static bool log_closed(void *log) { return ((struct drain_log *)log)->closed; }
#line 1596 "chapters/tier9-tests.nw"
#ifdef __SANITIZE_ADDRESS__
enum { QUARANTINED = 768 };
#else
enum { QUARANTINED = 0 };
#endif

static const struct { long high; size_t chunk; } drain_configs[] = {
    { TW_LIMIT_DEFAULT, 16384 }, { 1 << 20, 100003 },
};

START_TEST(slow_reader_makes_drain_wait)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    struct slow_peer peer = { .L = L };
    struct drain_log log = { .high = drain_configs[_i].high, .chunk = drain_configs[_i].chunk,
                             .peer = &peer };
    tw_server *s;
    size_t before, after, high, bound, allowed;
    for (size_t i = 0; i < sizeof known_bytes; i++)
        known_bytes[i] = (unsigned char)(i % PERIOD);
    s = await_value(L, tw_start_server(pattern_handler, &log, "127.0.0.1", 0, TW_STREAM_LIMIT,
                                       NULL)).p;
    before = resident_bytes();
    peer.fd = tcp_client(server_port(s), SOCKET_BUFFER);
    ck_assert_int_eq(fcntl(peer.fd, F_SETFL, O_NONBLOCK), 0);
    tw_call_later(L, 0.001, peer_tick, &peer, NULL);
    run_until_done(L, reader_done_or_wrong, &peer);
    
#line 1634 "chapters/tier9-tests.nw"
ck_assert(!peer.wrong);
ck_assert_uint_eq(peer.got, TOTAL);
run_until_done(L, log_closed, &log);
high = drain_configs[_i].high == TW_LIMIT_DEFAULT ? 65536 : (size_t)drain_configs[_i].high;
ck_assert_uint_eq(log.high_set, high);
bound = log.high_set + log.chunk;
ck_assert_uint_gt(log.max_buffered, log.high_set);
ck_assert_uint_le(log.max_buffered, bound);
ck_assert_int_eq(log.drains, (int)((TOTAL + log.chunk - 1) / log.chunk));
ck_assert_int_gt(log.waited, 10);
after = resident_bytes();
allowed = 4 * bound + (1 << 20) + QUARANTINED * (size_t)(log.drains + peer.ticks);
ck_assert_uint_le(after > before ? after - before : 0, allowed);
#line 1624 "chapters/tier9-tests.nw"
    close(peer.fd);
    tw_server_close(s);
    await_value(L, tw_server_wait_closed(s));
    tw_unref(s);
    tw_loop_free(L);
}
END_TEST
#line 1667 "chapters/tier9-tests.nw"
struct reset_log {
    bool in_drain, done;
    size_t buffered;          /* when the handler last went into drain */
    tw_error *drained, *closed, *stored, *drained_again;
    tw_error *late_write;
    int reports;
};

struct flooder { struct handler h; };

static tw_step flood_until_drain_fails(tw_coro *co)
{
    static unsigned char block[64 << 10];
    struct flooder *f = (struct flooder *)co;
    struct reset_log *log = f->h.arg;
    tw_transport *t = tw_stream_writer_transport(f->h.writer);
    TW_BEGIN(co);
    shrink_send_buffer(t);
    do {
        ck_assert_ptr_null(tw_stream_writer_write(f->h.writer, block, sizeof block));
        log->buffered = tw_transport_get_write_buffer_size(t);
        log->in_drain = true;
        TW_AWAIT_TRY(co, tw_stream_writer_drain(f->h.writer));
        log->in_drain = false;
    } while (TW_ERROR(co) == NULL);
    log->drained = TW_TAKE_ERROR(co);
    TW_AWAIT_TRY(co, tw_stream_writer_wait_closed(f->h.writer));
    log->closed = TW_TAKE_ERROR(co);
    log->stored = tw_ref(tw_stream_reader_exception(f->h.reader));
    log->late_write = tw_stream_writer_write(f->h.writer, block, 1);
    TW_AWAIT_TRY(co, tw_stream_writer_drain(f->h.writer));
    log->drained_again = TW_TAKE_ERROR(co);
    log->done = true;
    TW_END(co);
}

static tw_coro *flood_handler(tw_stream_reader *reader, tw_stream_writer *writer, void *log)
{
    return handler_new(flood_until_drain_fails, sizeof(struct flooder), reader, writer, log);
}

static bool suspended_in_drain(void *log) { return ((struct reset_log *)log)->in_drain; }
static bool flood_done(void *log) { return ((struct reset_log *)log)->done; }

static void count_reports(tw_loop *L, const tw_context *context, void *log)
{
    (void)L;
    fprintf(stderr, "reported: %s\n", context->message);
    ((struct reset_log *)log)->reports++;
}
#line 1723 "chapters/tier9-tests.nw"
START_TEST(reset_while_draining_raises_in_drain_and_wait_closed)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    struct reset_log log = { 0 };
    unsigned char part[4096];
    tw_server *s;
    int peer;
    tw_loop_set_exception_handler(L, count_reports, &log);
    s = await_value(L, tw_start_server(flood_handler, &log, "127.0.0.1", 0, TW_STREAM_LIMIT,
                                       NULL)).p;
    peer = tcp_client(server_port(s), SOCKET_BUFFER);
    ck_assert(run_until(L, suspended_in_drain, &log));
    ck_assert_uint_gt(log.buffered, 65536);           /* the default high mark */
    ck_assert_int_eq(read(peer, part, sizeof part), (ssize_t)sizeof part);
    reset(peer);
    ck_assert(run_until(L, flood_done, &log));
    
#line 1751 "chapters/tier9-tests.nw"
ck_assert_ptr_nonnull(log.drained);
if (!tw_error_is(log.drained, TW_ERR_CONNECTION_RESET))
    ck_abort_msg("drain raised %s: %s", tw_error_type(log.drained), tw_error_str(log.drained));
ck_assert_ptr_eq(log.closed, log.drained);
ck_assert_ptr_eq(log.stored, log.drained);
ck_assert_ptr_eq(log.drained_again, log.drained);
ck_assert_ptr_null(log.late_write);
tw_unref(log.drained);
tw_unref(log.closed);
tw_unref(log.stored);
tw_unref(log.drained_again);
#line 1740 "chapters/tier9-tests.nw"
    tw_server_close(s);
    await_value(L, tw_server_wait_closed(s));
    tw_unref(s);
    run_for(L, 0.01);
    ck_assert_int_eq(log.reports, 0);
    tw_loop_free(L);
}
END_TEST
#line 1787 "chapters/tier9-tests.nw"
enum { MESSAGE_MAX = 4096, NUMBER_LEN = 16 };

static int streams_wanted(void)
{
    const char *env = getenv("TOWER_LOAD_CONNECTIONS");
    int n = env ? atoi(env) / 10 : 0;
    return n > 0 ? n : 1000;
}

static const char *many_streams_unsupported(void)
{
    static char why[128];
    struct rlimit rl;
    rlim_t need = 2 * (rlim_t)streams_wanted() + 64;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need)
        return NULL;
    snprintf(why, sizeof why, "%d streams need %llu descriptors, but RLIMIT_NOFILE's hard "
             "limit is %llu", streams_wanted(), (unsigned long long)need,
             (unsigned long long)rl.rlim_max);
    return why;
}

static struct {
    int n, open, max_open, served;
    size_t echoed, checked;
    int wrong;
    tw_event *all_open, *all_served;
} echo;

static size_t message_len(int i) { return NUMBER_LEN + (size_t)(i * 37) % MESSAGE_MAX; }

static void make_message(unsigned char *msg, int i)
{
    snprintf((char *)msg, NUMBER_LEN, "%15d", i);
    memcpy(msg + NUMBER_LEN, known_bytes + (size_t)(i * 7) % PERIOD, message_len(i) - NUMBER_LEN);
}
#line 1830 "chapters/tier9-tests.nw"
struct echo_handler { struct handler h; };

static tw_step echo_until_eof(tw_coro *co)
{
    struct echo_handler *f = (struct echo_handler *)co;
    TW_BEGIN(co);
    if (++echo.open > echo.max_open)
        echo.max_open = echo.open;
    if (echo.max_open == echo.n)
        tw_event_set(echo.all_open);
    for (;;) {
        TW_AWAIT(co, tw_stream_reader_read(f->h.reader, MESSAGE_MAX));
        {
            tw_bytes *b = TW_RESULT(co).p;
            size_t len = b->len;
            tw_error *err = len ? tw_stream_writer_write(f->h.writer, b->data, len) : NULL;
            tw_bytes_free(b);
            ck_assert_ptr_null(err);
            if (len == 0)
                break;
            echo.echoed += len;
        }
        TW_AWAIT(co, tw_stream_writer_drain(f->h.writer));
    }
    tw_stream_writer_close(f->h.writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->h.writer));
    echo.open--;
    if (++echo.served == echo.n)
        tw_event_set(echo.all_served);
    TW_END(co);
}

static tw_coro *echo_handler(tw_stream_reader *reader, tw_stream_writer *writer, void *arg)
{
    return handler_new(echo_until_eof, sizeof(struct echo_handler), reader, writer, arg);
}
#line 1873 "chapters/tier9-tests.nw"
struct echo_client {
    tw_coro co;
    int i, port;
    tw_stream_reader *r;
    tw_stream_writer *w;
    unsigned char msg[NUMBER_LEN + MESSAGE_MAX];
};

static void echo_client_cleanup(tw_coro *co)
{
    struct echo_client *f = (struct echo_client *)co;
    tw_unref(f->w);
    tw_unref(f->r);
}

static tw_step echo_client_body(tw_coro *co)
{
    struct echo_client *f = (struct echo_client *)co;
    size_t len = message_len(f->i);
    TW_BEGIN(co);
    TW_AWAIT(co, tw_open_connection("127.0.0.1", f->port, TW_STREAM_LIMIT, &f->r, &f->w));
    TW_AWAIT(co, tw_event_wait(echo.all_open));
    make_message(f->msg, f->i);
    ck_assert_ptr_null(tw_stream_writer_write(f->w, f->msg, len));
    ck_assert_ptr_null(tw_stream_writer_write_eof(f->w));
    TW_AWAIT(co, tw_stream_writer_drain(f->w));
    TW_AWAIT(co, tw_stream_reader_readexactly(f->r, (ptrdiff_t)len));
    {
        tw_bytes *b = TW_RESULT(co).p;
        echo.wrong += b->len != len || memcmp(b->data, f->msg, len) != 0;
        echo.checked += b->len;
        tw_bytes_free(b);
    }
    TW_AWAIT(co, tw_stream_reader_read(f->r, -1));
    echo.wrong += ((tw_bytes *)TW_RESULT(co).p)->len != 0;
    tw_bytes_free(TW_RESULT(co).p);
    tw_stream_writer_close(f->w);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->w));
    TW_END(co);
}

static tw_coro *echo_client_new(int i, int port)
{
    struct echo_client *f = tw_coro_new(echo_client_body, sizeof *f);
    f->co.cleanup = echo_client_cleanup;
    f->i = i;
    f->port = port;
    return &f->co;
}
#line 1929 "chapters/tier9-tests.nw"
struct many_frame { tw_coro co; tw_server *server; void **clients; };

static void many_cleanup(tw_coro *co)
{
    struct many_frame *f = (struct many_frame *)co;
    tw_unref(f->server);
    free(f->clients);
}

static tw_step many_body(tw_coro *co)
{
    struct many_frame *f = (struct many_frame *)co;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_start_server(echo_handler, NULL, "127.0.0.1", 0, TW_STREAM_LIMIT,
                                 &(tw_server_options){ .backlog = echo.n }));
    f->server = TW_RESULT(co).p;
    f->clients = calloc((size_t)echo.n, sizeof *f->clients);
    for (int i = 0; i < echo.n; i++)
        f->clients[i] = echo_client_new(i, server_port(f->server));
    TW_AWAIT(co, tw_gather((size_t)echo.n, f->clients, false));
    TW_AWAIT(co, tw_event_wait(echo.all_served));
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

START_TEST(many_streams_echo_every_byte)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    struct many_frame *top;
    struct rlimit rl;
    size_t sent = 0;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
    for (size_t i = 0; i < sizeof known_bytes; i++)
        known_bytes[i] = (unsigned char)(i % PERIOD);
    memset(&echo, 0, sizeof echo);
    echo.n = streams_wanted();
    echo.all_open = tw_event_new();
    echo.all_served = tw_event_new();
    top = tw_coro_new(many_body, sizeof *top);
    top->co.cleanup = many_cleanup;
    await_value(L, &top->co);
    for (int i = 0; i < echo.n; i++)
        sent += message_len(i);
    ck_assert_int_eq(echo.wrong, 0);
    ck_assert_uint_eq(echo.checked, sent);
    ck_assert_uint_eq(echo.echoed, sent);
    ck_assert_int_eq(echo.max_open, echo.n);
    ck_assert_int_eq(echo.served, echo.n);
    ck_assert_int_eq(echo.open, 0);
    tw_unref(echo.all_open);
    tw_unref(echo.all_served);
    tw_loop_free(L);
}
END_TEST

#line 1425 "chapters/tier9-tests.nw"
Suite *tw_stream_load_suite(int *skipped)
{
    Suite *s = suite_create("streams under load and faults");
    TCase *tc = tcase_create("core");
    const char *why = many_streams_unsupported();
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, count_before, nothing_leaked);
    tcase_add_loop_test(tc, slow_reader_makes_drain_wait, 0,
                        (int)(sizeof drain_configs / sizeof drain_configs[0]));
    tcase_add_test(tc, reset_while_draining_raises_in_drain_and_wait_closed);
    if (why == NULL)
        tcase_add_test(tc, many_streams_echo_every_byte);
    else {
        printf("skipped: many_streams_echo_every_byte: %s\n", why);
        ++*skipped;
    }
    suite_add_tcase(s, tc);
    return s;
}
