#line 1720 "chapters/tier7-tests.nw"
/* check_transport_load.c -- tier 7 under faults: resets and slow readers */
#include "load.h"

#line 1747 "chapters/tier7-tests.nw"
static bool traced(void *what) { return strstr(trace, what) != NULL; }

START_TEST(reset_while_reading_is_connection_reset)
{
    struct tcp_rig r;
    tcp_rig_open(&r, rec_factory);
    ck_assert_int_eq(write(r.peer, "abc", 3), 3);
    ck_assert(run_until(r.L, traced, "data:abc"));
    reset(r.peer);
    r.peer = -1;
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    run_for(r.L, 0.01);
    ck_assert_str_eq(trace, "made data:abc lost:ConnectionResetError");
    ck_assert(tw_transport_is_closing(r.t));
    ck_assert_int_eq((int)tw_transport_get_extra_info(r.t, "socket", TW_NONE).i, -1);
    ck_assert_ptr_null(tw_transport_write(r.t, "late", 4));
    tcp_rig_close(&r);
}
END_TEST

START_TEST(reset_mid_stream_is_connection_reset)
{
    struct tcp_rig r;
    char part[4096];
    tcp_rig_open(&r, rec_factory);
    ck_assert_int_eq(write(r.peer, "xyz", 3), 3);
    ck_assert(run_until(r.L, traced, "data:xyz"));
    ck_assert_uint_gt(fill(r.t), 0);          /* the writer now waits for the kernel */
    ck_assert_int_eq(read(r.peer, part, sizeof part), (ssize_t)sizeof part);
    ck_assert_int_eq(write(r.peer, "more", 4), 4);
    reset(r.peer);
    r.peer = -1;
    ck_assert(run_until(r.L, rec_is_lost, last_rec));
    run_for(r.L, 0.01);
    ck_assert(strcmp(trace, "made data:xyz lost:ConnectionResetError") == 0
              || strcmp(trace, "made data:xyz data:more lost:ConnectionResetError") == 0);
    ck_assert_uint_eq(tw_transport_get_write_buffer_size(r.t), 0);
    ck_assert_ptr_null(tw_transport_write(r.t, "late", 4));
    tcp_rig_close(&r);
}
END_TEST
#line 1810 "chapters/tier7-tests.nw"
enum { TOTAL = 32 << 20, PERIOD = 251, READ_PER_TICK = 128 << 10, SOCKET_BUFFER = 32 << 10 };

static unsigned char pattern[(1 << 20) + PERIOD];

struct producer {
    tw_protocol base;
    tw_transport *t;
    long high;
    size_t chunk, written, max_buffered, low, high_set;
    int pauses, resumes, nested_pauses;
    bool paused, lost, lost_clean;
};

static void produce(struct producer *p)
{
    while (!p->paused && p->written < TOTAL) {
        size_t n = p->chunk < TOTAL - p->written ? p->chunk : TOTAL - p->written;
        size_t buffered;
        tw_unref(tw_transport_write(p->t, pattern + p->written % PERIOD, n));
        p->written += n;
        buffered = tw_transport_get_write_buffer_size(p->t);
        if (buffered > p->max_buffered)
            p->max_buffered = buffered;
    }
    if (p->written == TOTAL && !tw_transport_is_closing(p->t))
        tw_transport_close(p->t);
}

static tw_error *producer_made(tw_protocol *proto, tw_transport *t)
{
    struct producer *p = (struct producer *)proto;
    int fd = (int)tw_transport_get_extra_info(t, "socket", TW_NONE).i, small = SOCKET_BUFFER;
    p->t = t;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    tw_unref(tw_transport_set_write_buffer_limits(t, p->high, TW_LIMIT_DEFAULT));
    tw_transport_get_write_buffer_limits(t, &p->low, &p->high_set);
    produce(p);
    return NULL;
}

static tw_error *producer_pause(tw_protocol *proto)
{
    struct producer *p = (struct producer *)proto;
    p->nested_pauses += p->paused;
    p->paused = true;
    p->pauses++;
    return NULL;
}

static tw_error *producer_resume(tw_protocol *proto)
{
    struct producer *p = (struct producer *)proto;
    p->paused = false;
    p->resumes++;
    produce(p);
    return NULL;
}

static tw_error *producer_lost(tw_protocol *proto, tw_error *exc)
{
    struct producer *p = (struct producer *)proto;
    p->lost = true;
    p->lost_clean = exc == NULL;
    return NULL;
}

static const tw_protocol_class producer_class = {
    .name = "Producer", .connection_made = producer_made, .pause_writing = producer_pause,
    .resume_writing = producer_resume, .connection_lost = producer_lost,
};

static struct producer *the_producer;
static struct { long high; size_t chunk; } producer_config;

static bool producer_is_lost(void *p) { return ((struct producer *)p)->lost; }

static tw_protocol *producer_factory(void *arg)
{
    struct producer *p = tw_protocol_new(&producer_class, sizeof *p);
    (void)arg;
    p->high = producer_config.high;
    p->chunk = producer_config.chunk;
    the_producer = (struct producer *)tw_ref(&p->base);
    return &p->base;
}
#line 1904 "chapters/tier7-tests.nw"
struct slow_reader { tw_loop *L; int fd; size_t got; bool eof, wrong; };

static tw_error *read_a_little(void *arg)
{
    struct slow_reader *r = arg;
    static unsigned char buf[READ_PER_TICK];
    ssize_t n = read(r->fd, buf, sizeof buf);
    for (ssize_t i = 0; i < n; i++)
        r->wrong |= buf[i] != (r->got + (size_t)i) % PERIOD;
    if (n > 0)
        r->got += (size_t)n;
    if (n == 0 || (n < 0 && errno != EAGAIN))
        r->eof = true;
    else
        tw_call_later(r->L, 0.001, read_a_little, r, NULL);
    return NULL;
}

static bool reader_done(void *r) { return ((struct slow_reader *)r)->eof; }
#line 1937 "chapters/tier7-tests.nw"
static const struct { long high; size_t chunk; } slow_configs[] = {
    { TW_LIMIT_DEFAULT, 16384 }, { 1 << 20, 100003 },
};

START_TEST(slow_reader_bounds_the_write_buffer)
{
    tw_loop *L = tw_loop_new_clock(TW_CLOCK_REAL);
    struct slow_reader reader = { .L = L };
    tw_server *s;
    size_t before, after, high, bound;
    for (size_t i = 0; i < sizeof pattern; i++)
        pattern[i] = (unsigned char)(i % PERIOD);
    producer_config.high = slow_configs[_i].high;
    producer_config.chunk = slow_configs[_i].chunk;
    s = await_value(L, tw_create_server(L, producer_factory, NULL, "127.0.0.1", 0, NULL)).p;
    before = resident_bytes();
    reader.fd = tcp_client(server_port(s), SOCKET_BUFFER);
    ck_assert_int_eq(fcntl(reader.fd, F_SETFL, O_NONBLOCK), 0);
    tw_call_later(L, 0.001, read_a_little, &reader, NULL);
    ck_assert(run_until(L, reader_done, &reader));
    ck_assert(run_until(L, producer_is_lost, the_producer));
    
#line 1969 "chapters/tier7-tests.nw"
ck_assert_uint_eq(reader.got, TOTAL);
ck_assert(!reader.wrong);
high = the_producer->high_set;
ck_assert_uint_eq(high, slow_configs[_i].high == TW_LIMIT_DEFAULT
                        ? 65536 : (size_t)slow_configs[_i].high);
bound = high + slow_configs[_i].chunk;
ck_assert_uint_le(the_producer->max_buffered, bound);
ck_assert_uint_gt(the_producer->max_buffered, high);
ck_assert_int_ge(the_producer->pauses, 10);
ck_assert_int_eq(the_producer->resumes, the_producer->pauses);
ck_assert_int_eq(the_producer->nested_pauses, 0);
ck_assert(the_producer->lost_clean);
after = resident_bytes();
ck_assert_uint_le(after > before ? after - before : 0, 4 * bound + (1 << 20));
#line 1959 "chapters/tier7-tests.nw"
    close(reader.fd);
    tw_unref(&the_producer->base);
    tw_server_close(s);
    tw_unref(s);
    tw_loop_free(L);
}
END_TEST
#line 2003 "chapters/tier7-tests.nw"
static tw_error *closer_resume_writing(tw_protocol *p)
{
    struct rec *r = (struct rec *)p;
    rec_resume(p);
    tw_unref(tw_transport_write(r->transport, "last", 4));
    tw_transport_close(r->transport);
    return NULL;
}

static const tw_protocol_class closer_class = {
    .name = "Closer", .connection_made = rec_made, .connection_lost = rec_lost,
    .pause_writing = rec_pause, .resume_writing = closer_resume_writing,
};

static tw_protocol *closer_factory(void *arg)
{
    struct rec *r = tw_protocol_new(&closer_class, sizeof *r);
    (void)arg;
    last_rec = r;
    return &r->base;
}

struct peer_count { int fd; size_t got; };

static bool lost_and_drained(void *arg)
{
    struct peer_count *c = arg;
    c->got += drain(c->fd);
    return last_rec->lost;
}

START_TEST(close_from_resume_writing_loses_once)
{
    static char block[65536];
    struct rig r;
    struct peer_count peer;
    size_t written = 0;
    rig_open(&r, closer_factory, NULL);
    tw_transport_set_write_buffer_limits(r.t, 1L << 30, TW_LIMIT_DEFAULT);
    for (; tw_transport_get_write_buffer_size(r.t) == 0; written += sizeof block)
        tw_transport_write(r.t, block, sizeof block);
    tw_transport_set_write_buffer_limits(r.t, 1, 0);
    peer = (struct peer_count){ r.sv[1], 0 };
    ck_assert(run_until(r.L, lost_and_drained, &peer));
    run_for(r.L, 0.01);
    peer.got += drain(r.sv[1]);
    ck_assert_str_eq(trace, "made pause resume lost:None");
    ck_assert_uint_eq(peer.got, written + 4);
    rig_close(&r);
}
END_TEST

#line 1725 "chapters/tier7-tests.nw"
Suite *tw_transport_load_suite(void)
{
    Suite *s = suite_create("transport under load and faults");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, count_before, nothing_leaked);
    tcase_add_test(tc, reset_while_reading_is_connection_reset);
    tcase_add_test(tc, reset_mid_stream_is_connection_reset);
    
#line 1986 "chapters/tier7-tests.nw"
tcase_add_loop_test(tc, slow_reader_bounds_the_write_buffer, 0,
                    (int)(sizeof slow_configs / sizeof slow_configs[0]));
tcase_add_test(tc, close_from_resume_writing_loses_once);
#line 1734 "chapters/tier7-tests.nw"
    suite_add_tcase(s, tc);
    return s;
}
