#line 4240 "chapters/tier7-examples.nw"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tower.h"

enum { LINES = 1000, LINE = 21, COPIES = 50 };

static tw_ssl_context *server_ctx, *client_ctx;
static tw_future *complete;
static char received[COPIES * LINES * LINE + 64];
static size_t nreceived, expected;
static bool overflowed;

/* The byte at offset i of the file (the lines repeat, COPIES times). */
static char line_byte(size_t i)
{
    char line[LINE + 1];
    snprintf(line, sizeof line, "line %03u of the file\n", (unsigned)(i / LINE % LINES) % 1000u);
    return line[i % LINE];
}

static bool ends_with_trailer(void)
{
    return !overflowed && nreceived >= 10
           && memcmp(received + nreceived - 10, "a trailer\n", 10) == 0;
}

/* Everything before the trailer is the file's first bytes. */
static bool is_prefix_then_trailer(void)
{
    if (!ends_with_trailer())
        return false;
    for (size_t i = 0; i < nreceived - 10; i++)
        if (received[i] != line_byte(i))
            return false;
    return true;
}

static tw_error *collect(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    if (nreceived + n <= sizeof received)
        memcpy(received + nreceived, data, n);
    else
        overflowed = true;                /* more than the buffer: never a round's */
    nreceived += n;
    if (!tw_future_done(complete)
        && (nreceived == expected || (expected == SIZE_MAX && ends_with_trailer())))
        return tw_future_set_result(complete, TW_NONE);
    return NULL;
}

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    printf("client: received b'%.*s'\n", (int)n, (const char *)data);
    return NULL;
}

static const tw_protocol_class collector_class = { .name = "Collector",
                                                   .data_received = collect };
static const tw_protocol_class client_class = { .name = "Client",
                                                .data_received = client_data };

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(tw_protocol));
}

/* The next round: nothing received yet, n bytes to come. */
static tw_future *expect(size_t n)
{
    tw_unref(complete);
    complete = tw_future_new(tw_get_running_loop());
    nreceived = 0;
    expected = n;
    overflowed = false;
    return tw_ref(complete);
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *t;
    FILE *tmp;
    tw_future *round;
    tw_task *sending;
    int64_t sent;
    long position;
    int i;
    char content[LINES * LINE + 1];
};

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->tmp)
        fclose(f->tmp);
    if (f->t)
        tw_unref(f->t);
    if (f->server)
        tw_unref(f->server);
    if (f->sending)
        tw_unref(f->sending);
    tw_unref(complete);
}

static long position(FILE *tmp)
{
    return (long)lseek(fileno(tmp), 0, SEEK_CUR);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options tls = { .ssl = client_ctx };
    tw_error *e;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&collector_class, "127.0.0.1", 0, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection_tls(loop, factory, (void *)&client_class, "localhost",
                                          tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                          &tls));
    f->t = TW_RESULT(co).p;
    for (int i = 0; i < LINES; i++)
        snprintf(f->content + i * LINE, LINE + 1, "line %03u of the file\n", (unsigned)i % 1000u);
    f->tmp = tmpfile();
    fwrite(f->content, 1, LINES * LINE, f->tmp);
    fflush(f->tmp);
    rewind(f->tmp);

    /* A TLS transport has no native sendfile: sendfile(2) would send the
       file's bytes unencrypted. Without the fallback that is an error. */
    TW_AWAIT_TRY(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 0, 0, false));
    e = TW_TAKE_ERROR(co);
    printf("fallback=False: %s: %.*s\n", tw_error_type(e),
           (int)(strstr(tw_error_str(e), " <") ? strstr(tw_error_str(e), " <") - tw_error_str(e)
                                               : (long)strlen(tw_error_str(e))),
           tw_error_str(e));
    tw_unref(e);
    printf("the file's position is unchanged: %ld\n", position(f->tmp));

    /* With it, the loop reads the file and writes it through the
       transport, after what the transport holds and before what follows. */
    f->round = expect(9 + LINES * LINE + 10);
    tw_unref(tw_transport_write(f->t, "a header\n", 9));
    TW_AWAIT(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 0, 0, true));
    f->sent = TW_RESULT(co).i;
    tw_unref(tw_transport_write(f->t, "a trailer\n", 10));
    TW_AWAIT(co, f->round);
    printf("whole file: sent %lld, in order: %s, position after: %ld\n", (long long)f->sent,
           tw_bool_str(memcmp(received, "a header\n", 9) == 0
                       && memcmp(received + 9, f->content, LINES * LINE) == 0
                       && memcmp(received + 9 + LINES * LINE, "a trailer\n", 10) == 0),
           position(f->tmp));

    f->round = expect(21);
    TW_AWAIT(co, tw_loop_sendfile(loop, f->t, fileno(f->tmp), 42, 21, true));
    f->sent = TW_RESULT(co).i;
    TW_AWAIT(co, f->round);
    printf("offset=42 count=21: sent %lld, %.20s, position after: %ld\n", (long long)f->sent,
           received, position(f->tmp));
    printf("the transport reads and writes again: reading %s, closing %s\n",
           tw_bool_str(tw_transport_is_reading(f->t)), tw_bool_str(tw_transport_is_closing(f->t)));

    /* Cancelled while it reads or waits for room: what went is a prefix of
       the file, and the transport is the protocol's again. The file is
       fifty times the first: far more blocks than five turns of the loop
       can send. */
    fclose(f->tmp);
    f->tmp = tmpfile();
    for (int i = 0; i < COPIES; i++)
        fwrite(f->content, 1, LINES * LINE, f->tmp);
    fflush(f->tmp);
    rewind(f->tmp);
    f->round = expect(SIZE_MAX);
    f->sending = tw_create_task(tw_loop_sendfile(loop, f->t, fileno(f->tmp), 0, 0, true), NULL);
    for (f->i = 0; f->i < 5; f->i++)
        TW_AWAIT(co, tw_sleep(0));
    tw_task_cancel(f->sending, NULL);
    TW_AWAIT_TRY(co, tw_ref(f->sending));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        printf("cancelled: CancelledError\n");
    tw_unref(tw_transport_write(f->t, "a trailer\n", 10));
    TW_AWAIT(co, f->round);
    f->position = position(f->tmp);
    printf("the peer received a prefix of the file, then the trailer: %s; "
           "the file's position is not before its end: %s, the whole file: %s\n",
           tw_bool_str(is_prefix_then_trailer()),
           tw_bool_str(f->position >= 0 && (size_t)f->position >= nreceived - 10),
           tw_bool_str(nreceived - 10 == COPIES * LINES * LINE));

    tw_transport_close(f->t);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key",
                                         &server_ctx))
        || (err = tw_ssl_context_new_client("../certs/ca.pem", &client_ctx)))
        return tw_report_uncaught(err);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    err = tw_run(&f->co, NULL);
    tw_unref(server_ctx);
    tw_unref(client_ctx);
    return tw_report_uncaught(err);
}
