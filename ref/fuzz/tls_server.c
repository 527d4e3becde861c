#line 2856 "chapters/tier7-tests.nw"
/* fuzz/tls_server.c -- libFuzzer target: arbitrary bytes, EOFs and closes into the TLS layer */
#line 2909 "chapters/tier7-tests.nw"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tower.h"

static tw_ssl_context *ctx;
static tw_loop *L;                 /* one loop for every input: making one costs more than a run */

static tw_protocol *plain(void *cls)
{
    return tw_protocol_new(cls, sizeof(tw_protocol));
}

static void turn(tw_loop *L, int n)
{
    for (int i = 0; i < n; i++)
        tw_unref(tw_loop_run_until_complete(L, tw_sleep(0), NULL));
}

static tw_transport *connect_pair(int sv[2])
{
    static const tw_protocol_class quiet = { .name = "Quiet" };
    tw_value v;
    tw_error *err;
    if (L == NULL)
        L = tw_loop_new_clock(TW_CLOCK_VIRTUAL);
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
        abort();
    err = tw_loop_run_until_complete(L, tw_create_unix_connection(L, plain, (void *)&quiet,
                                                                  NULL, sv[0]), &v);
    if (err)
        abort();
    return v.p;
}

static void close_either(tw_task *upgrade, tw_transport *raw)
{
    if (tw_future_done(tw_task_future(upgrade))) {
        tw_value v;
        tw_error *err = tw_future_result(tw_task_future(upgrade), &v);
        if (err == NULL)
            tw_transport_close(v.p);
        tw_unref(err);
    } else
        tw_transport_close(raw);
}

static void finish(tw_task *upgrade, tw_transport *raw, int peer)
{
    if (tw_future_done(tw_task_future(upgrade))) {
        tw_value v;
        tw_error *err = tw_future_result(tw_task_future(upgrade), &v);
        if (err == NULL) {
            tw_transport_close(v.p);
            tw_unref((tw_transport *)v.p);
        }
        tw_unref(err);
    } else
        tw_task_cancel(upgrade, NULL);
    turn(L, 3);
    tw_unref(upgrade);
    tw_transport_close(raw);
    tw_unref(raw);
    close(peer);
    turn(L, 3);                    /* what the input left open closes before the next */
}

#line 2859 "chapters/tier7-tests.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_transport *raw;
    tw_task *upgrade;
    int sv[2];
    size_t at = 0;
    if (ctx == NULL && tw_ssl_context_new_server("conformance/certs/server.pem",
                                                 "conformance/certs/server.key", &ctx)) {
        fprintf(stderr, "fuzz/tls_server: run it from the top of the tree\n");
        abort();
    }
    raw = connect_pair(sv);
    upgrade = tw_loop_create_task(L, tw_start_tls(L, raw, tw_transport_get_protocol(raw), true,
                                                  &(tw_tls_options){ .ssl = ctx }), NULL);
    turn(L, 1);
    while (at < size) {
        uint8_t op = data[at++], a = op >> 2;
        switch (op & 3) {
        case 0: {
            size_t n = (size_t)a + 1 <= size - at ? (size_t)a + 1 : size - at;
            if (n > 0 && send(sv[1], data + at, n, MSG_NOSIGNAL) < 0)
                break;
            at += n;
            break;
        }
        case 1:
            break;
        case 2:
            shutdown(sv[1], SHUT_WR);
            break;
        case 3:
            close_either(upgrade, raw);
            break;
        }
        turn(L, 3);
    }
    finish(upgrade, raw, sv[1]);
    return 0;
}
