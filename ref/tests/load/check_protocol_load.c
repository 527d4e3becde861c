#line 387 "chapters/tier8-tests.nw"
/* check_protocol_load.c -- tier 8 under load and faults: many connections, resets among them */
#include "load.h"
#include <sys/epoll.h>
#include <sys/wait.h>

#line 423 "chapters/tier8-tests.nw"
static struct {
    size_t made, open, max_open, lost_clean, lost_reset, lost_other, echoed;
    size_t all_open, resident_all_open;   /* the resident size once all_open are open */
    char other[64];
} counts;

struct counting_echo { tw_protocol base; tw_transport *t; };

static tw_error *counting_made(tw_protocol *p, tw_transport *t)
{
    ((struct counting_echo *)p)->t = t;
    counts.made++;
    if (++counts.open > counts.max_open)
        counts.max_open = counts.open;
    if (counts.open == counts.all_open)
        counts.resident_all_open = resident_bytes();
    return NULL;
}

static tw_error *counting_data(tw_protocol *p, const void *data, size_t n)
{
    counts.echoed += n;
    return tw_transport_write(((struct counting_echo *)p)->t, data, n);
}

static tw_error *counting_lost(tw_protocol *p, tw_error *exc)
{
    (void)p;
    counts.open--;
    if (exc == NULL)
        counts.lost_clean++;
    else if (strcmp(tw_error_type(exc), "ConnectionResetError") == 0)
        counts.lost_reset++;
    else {
        counts.lost_other++;
        snprintf(counts.other, sizeof counts.other, "%s", tw_error_type(exc));
    }
    return NULL;
}

static const tw_protocol_class counting_class = {
    .name = "CountingEcho", .connection_made = counting_made, .data_received = counting_data,
    .connection_lost = counting_lost,
};

static tw_protocol *counting_factory(void *arg)
{
    (void)arg;
    return tw_protocol_new(&counting_class, sizeof(struct counting_echo));
}

static size_t lost_total(void)
{
    return counts.lost_clean + counts.lost_reset + counts.lost_other;
}

static tw_server *counting_server(tw_loop *L, int backlog)
{
    memset(&counts, 0, sizeof counts);
    return await_value(L, tw_create_server(L, counting_factory, NULL, "127.0.0.1", 0,
                                           &(tw_server_options){ .backlog = backlog })).p;
}

static bool all_lost(void *made) { return lost_total() == *(size_t *)made; }
#line 499 "chapters/tier8-tests.nw"
enum { CLIENTS = 200, REQUEST = 1024, FLOOD = 256 << 10 };

struct client { int fd; size_t want, got; bool wrong; };

static unsigned char request_bytes[FLOOD];

static bool echoes_back(void *arg)
{
    struct client *c = arg;
    bool all = true;
    for (int i = 0; i < CLIENTS; i += 2) {
        unsigned char buf[REQUEST];
        ssize_t n = read(c[i].fd, buf, c[i].want - c[i].got);
        if (n > 0) {
            c[i].wrong |= memcmp(buf, request_bytes + c[i].got % REQUEST, (size_t)n) != 0;
            c[i].got += (size_t)n;
        }
        all = all && c[i].got == c[i].want;
    }
    return all;
}

static bool all_made(void *n) { return counts.made == *(size_t *)n; }

static void send_requests(struct client *c, int first, size_t bytes)
{
    for (int i = first; i < CLIENTS; i += 2) {
        ck_assert_int_eq(write(c[i].fd, request_bytes, bytes), (ssize_t)bytes);
        c[i].want += bytes;
    }
}
#line 533 "chapters/tier8-tests.nw"
START_TEST(resets_among_many_connections)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    tw_server *s = counting_server(L, 256);
    struct client c[CLIENTS];
    size_t n = CLIENTS;
    for (size_t i = 0; i < sizeof request_bytes; i++)
        request_bytes[i] = (unsigned char)(i * 7 + (i >> 10));
    memset(c, 0, sizeof c);
    for (int i = 0; i < CLIENTS; i++) {
        c[i].fd = tcp_client(server_port(s), 0);
        ck_assert_int_eq(fcntl(c[i].fd, F_SETFL, O_NONBLOCK), 0);
    }
    ck_assert(run_until(L, all_made, &n));
    send_requests(c, 0, REQUEST);
    send_requests(c, 1, REQUEST);
    send_requests(c, 1, FLOOD);
    run_for(L, 0.01);
    for (int i = 1; i < CLIENTS; i += 2)
        reset(c[i].fd);
    ck_assert(run_until(L, echoes_back, c));
    send_requests(c, 0, REQUEST);
    ck_assert(run_until(L, echoes_back, c));
    for (int i = 0; i < CLIENTS; i += 2) {
        ck_assert(!c[i].wrong);
        close(c[i].fd);
    }
    ck_assert(run_until(L, all_lost, &n));
    ck_assert_uint_eq(counts.lost_reset, CLIENTS / 2);
    ck_assert_uint_eq(counts.lost_clean, CLIENTS / 2);
    ck_assert_msg(counts.lost_other == 0, "connection_lost got %s", counts.other);
    ck_assert_uint_eq(counts.max_open, CLIENTS);
    tw_server_close(s);
    tw_unref(s);
    tw_loop_free(L);
}
END_TEST
#line 604 "chapters/tier8-tests.nw"
enum {
    WINDOW = 256, ROUNDS = 3, MAX_MESSAGE = 4096, SPARE_FDS = 64, BYTES_A_CONNECTION = 4096
};

static int connections_wanted(void)
{
    const char *env = getenv("TOWER_LOAD_CONNECTIONS");
    return env && atoi(env) > 0 ? atoi(env) : 10000;
}

static const char *many_connections_unsupported(void)
{
    static char why[160];
    struct rlimit rl;
    int n = connections_wanted(), lo = 0, hi = 0;
    FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
    if (f) {
        if (fscanf(f, "%d %d", &lo, &hi) != 2)
            lo = hi = 0;
        fclose(f);
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < (rlim_t)(n + SPARE_FDS))
        snprintf(why, sizeof why, "%d connections need %d descriptors a process, but "
                 "RLIMIT_NOFILE's hard limit is %llu", n, n + SPARE_FDS,
                 (unsigned long long)rl.rlim_max);
    else if (hi - lo + 1 < n + 1000)
        snprintf(why, sizeof why, "%d connections need %d ephemeral ports, but "
                 "ip_local_port_range is %d-%d", n, n + 1000, lo, hi);
    else
        return NULL;
    return why;
}
#line 646 "chapters/tier8-tests.nw"
struct conn {
    int fd, round;
    bool connecting;
    size_t size, sent, got;
};

static unsigned char stream_pattern[MAX_MESSAGE + 251];

static size_t message_offset(int i, int k) { return (size_t)(i * 7 + k * 13) % 251; }

static size_t message_size(int i, int k)
{
    return k == 0 ? 16 : 1 + (size_t)(i * 37 + k * 1009) % MAX_MESSAGE;
}

static bool client_send(int ep, struct conn *c, int i)
{
    const unsigned char *msg = stream_pattern + message_offset(i, c->round);
    struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
    while (c->sent < c->size) {
        ssize_t k = send(c->fd, msg + c->sent, c->size - c->sent, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno != EAGAIN)
                return false;
            ev.events |= EPOLLOUT;
            break;
        }
        c->sent += (size_t)k;
    }
    return epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) == 0;
}

static bool client_round(int ep, struct conn *c, int i, int k)
{
    c->round = k;
    c->size = message_size(i, k);
    c->sent = c->got = 0;
    return client_send(ep, c, i);
}

static bool client_connect(int ep, struct conn *c, int i, int port)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    struct epoll_event ev = { .events = EPOLLOUT, .data.u32 = (uint32_t)i };
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    c->connecting = true;
    if (c->fd < 0 || (connect(c->fd, (struct sockaddr *)&a, sizeof a) < 0
                      && errno != EINPROGRESS))
        return false;
    return epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) == 0;
}
#line 708 "chapters/tier8-tests.nw"
struct client_state { int ep, port, n, opened, open, done; struct conn *conns; };

static bool client_writable(struct client_state *st, int i)
{
    struct conn *c = &st->conns[i];
    int err = 0;
    socklen_t len = sizeof err;
    if (!c->connecting)
        return client_send(st->ep, c, i);
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err != 0)
        return false;
    c->connecting = false;
    return client_round(st->ep, c, i, 0);
}

static bool client_echo_complete(struct client_state *st, int i)
{
    struct conn *c = &st->conns[i];
    if (c->round == ROUNDS) {
        st->done++;
        return true;
    }
    if (c->round > 0)
        return client_round(st->ep, c, i, c->round + 1);
    st->open++;
    for (; st->opened < st->n && st->opened - st->open < WINDOW; st->opened++)
        if (!client_connect(st->ep, &st->conns[st->opened], st->opened, st->port))
            return false;
    if (st->open == st->n)
        for (int j = 0; j < st->n; j++)
            if (!client_round(st->ep, &st->conns[j], j, 1))
                return false;
    return true;
}

static bool client_readable(struct client_state *st, int i, size_t *checked)
{
    struct conn *c = &st->conns[i];
    unsigned char buf[MAX_MESSAGE];
    ssize_t n = read(c->fd, buf, c->size - c->got);
    if (n <= 0)
        return n < 0 && errno == EAGAIN;
    if (memcmp(buf, stream_pattern + message_offset(i, c->round) + c->got, (size_t)n) != 0)
        return false;
    c->got += (size_t)n;
    *checked += (size_t)n;
    return c->got < c->size || client_echo_complete(st, i);
}
#line 763 "chapters/tier8-tests.nw"
static int run_client(int port, int n, int report)
{
    struct client_state st = { .port = port, .n = n };
    struct epoll_event events[256];
    size_t checked = 0;
    bool ok = true;
    char line[64];
    st.ep = epoll_create1(0);
    st.conns = calloc((size_t)n, sizeof *st.conns);
    for (; ok && st.opened < n && st.opened < WINDOW; st.opened++)
        ok = client_connect(st.ep, &st.conns[st.opened], st.opened, port);
    while (ok && st.done < n) {
        int k = epoll_wait(st.ep, events, 256, 10000);
        ok = k > 0;
        for (int e = 0; ok && e < k; e++) {
            int i = (int)events[e].data.u32;
            if (events[e].events & EPOLLOUT)
                ok = client_writable(&st, i);
            if (ok && !st.conns[i].connecting
                && events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP))
                ok = client_readable(&st, i, &checked);
        }
    }
    snprintf(line, sizeof line, "%d %zu\n", st.open, checked);
    ok = write(report, line, strlen(line)) == (ssize_t)strlen(line) && ok;
    for (int i = 0; i < st.opened; i++)
        close(st.conns[i].fd);
    free(st.conns);
    return ok ? 0 : 1;
}
#line 800 "chapters/tier8-tests.nw"
struct report { int fd; char text[64]; size_t len; bool eof; };

static tw_error *read_report(void *arg)
{
    struct report *r = arg;
    ssize_t n = read(r->fd, r->text + r->len, sizeof r->text - 1 - r->len);
    if (n > 0)
        r->len += (size_t)n;
    else {
        r->eof = true;
        tw_loop_remove_reader(tw_get_running_loop(), r->fd);
    }
    return NULL;
}

static bool client_finished(void *arg)
{
    struct report *r = arg;
    return r->eof && counts.open == 0 && lost_total() == counts.made;
}
#line 823 "chapters/tier8-tests.nw"
START_TEST(many_connections_held_open_echo_every_byte)
{
    int n = connections_wanted(), pipefd[2], status, held = -1;
    size_t checked = 0, before;
    struct rlimit rl;
    struct report report = { 0 };
    tw_loop *L;
    tw_server *s;
    pid_t pid;
    double deadline;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
    for (size_t i = 0; i < sizeof stream_pattern; i++)
        stream_pattern[i] = (unsigned char)(i % 251);
    L = tw_loop_new_clock(TW_CLOCK_REAL);
    s = counting_server(L, 1024);
    counts.all_open = (size_t)n;
    before = resident_bytes();
    ck_assert_int_eq(pipe2(pipefd, O_CLOEXEC), 0);
    
#line 866 "chapters/tier8-tests.nw"
pid = fork();
ck_assert_int_ge(pid, 0);
if (pid == 0) {
    if (pipefd[1] > 3)
        close_range(3, (unsigned)pipefd[1] - 1, 0);
    close_range((unsigned)pipefd[1] + 1, ~0U, 0);
    _exit(run_client(server_port(s), n, pipefd[1]));
}
#line 844 "chapters/tier8-tests.nw"
    close(pipefd[1]);
    report.fd = pipefd[0];
    ck_assert_ptr_null(tw_loop_add_reader(L, report.fd, read_report, &report));
    deadline = seconds_now() + 200;
    while (!client_finished(&report) && seconds_now() < deadline)
        run_for(L, 0.05);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    
#line 877 "chapters/tier8-tests.nw"
ck_assert_msg(client_finished(&report), "the client did not finish in time");
ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the client failed (status %d) after: %.*s", status, (int)report.len,
              report.text);
ck_assert_int_eq(sscanf(report.text, "%d %zu", &held, &checked), 2);
ck_assert_int_eq(held, n);
ck_assert_uint_eq(counts.made, (size_t)n);
ck_assert_uint_eq(counts.max_open, (size_t)n);
ck_assert_uint_eq(counts.lost_clean, (size_t)n);
ck_assert_uint_eq(counts.echoed, checked);
ck_assert_uint_le(counts.resident_all_open > before
                  ? (counts.resident_all_open - before) / (size_t)n : 0, BYTES_A_CONNECTION);
#line 852 "chapters/tier8-tests.nw"
    close(pipefd[0]);
    tw_server_close(s);
    tw_unref(s);
    tw_loop_free(L);
}
END_TEST

#line 396 "chapters/tier8-tests.nw"
Suite *tw_protocol_load_suite(int *skipped)
{
    Suite *s = suite_create("protocol under load and faults");
    TCase *tc = tcase_create("core");
    const char *why = many_connections_unsupported();
    tcase_set_timeout(tc, 240);
    tcase_add_checked_fixture(tc, count_before, nothing_leaked);
    tcase_add_test(tc, resets_among_many_connections);
    if (why == NULL)
        tcase_add_test(tc, many_connections_held_open_echo_every_byte);
    else {
        printf("skipped: many_connections_held_open_echo_every_byte: %s\n", why);
        ++*skipped;
    }
    suite_add_tcase(s, tc);
    return s;
}
