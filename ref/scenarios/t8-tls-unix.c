#line 2187 "chapters/tier8-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/x509.h>
#include "tower.h"

static tw_ssl_context *server_ctx, *client_ctx;
static tw_future *got;

struct echo { tw_protocol base; tw_transport *transport; };

static tw_error *echo_made(tw_protocol *p, tw_transport *t)
{
    ((struct echo *)p)->transport = t;
    return NULL;
}

static tw_error *echo_data(tw_protocol *p, const void *data, size_t n)
{
    return tw_transport_write(((struct echo *)p)->transport, data, n);
}

static tw_error *client_data(tw_protocol *p, const void *data, size_t n)
{
    (void)p;
    return tw_future_set_result(got, TW_PTR(tw_bytes_new(data, n)));
}

static const tw_protocol_class echo_class = {
    .name = "Echo", .connection_made = echo_made, .data_received = echo_data,
};
static const tw_protocol_class client_class = { .name = "Client", .data_received = client_data };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(struct echo)); }

struct main_frame {
    tw_coro co;
    char tmp[64], path[96];
    tw_server *server;
    tw_transport *t;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options bare = { .ssl = client_ctx };
    tw_tls_options named = { .ssl = client_ctx, .server_hostname = "localhost" };
    char host[TW_ADDRSTRLEN], cn[256] = "";
    tw_bytes *b;
    TW_BEGIN(co);
    got = tw_future_new(loop);
    strcpy(f->tmp, "/tmp/tower-XXXXXX");
    if (mkdtemp(f->tmp) == NULL)
        TW_RAISE(co, tw_error_os(errno, NULL));
    snprintf(f->path, sizeof f->path, "%s/tls.sock", f->tmp);
    TW_AWAIT(co, tw_create_unix_server(loop, factory, (void *)&echo_class, f->path, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT_TRY(co, tw_create_unix_connection_tls(loop, factory, (void *)&client_class,
                                                   f->path, -1, &bare));
    if (tw_error_is(TW_ERROR(co), TW_ERR_VALUE)) {
        printf("without server_hostname: ValueError: %s\n", tw_error_message(TW_ERROR(co)));
        tw_unref(TW_TAKE_ERROR(co));
    } else if (TW_ERROR(co))
        TW_RERAISE(co);
    else
        tw_unref((tw_transport *)TW_RESULT(co).p);
    TW_AWAIT(co, tw_create_unix_connection_tls(loop, factory, (void *)&client_class, f->path,
                                               -1, &named));
    f->t = TW_RESULT(co).p;
    printf("peername is the path: %s\n",
           tw_bool_str(strcmp(tw_sockaddr_host(tw_transport_get_extra_info(f->t, "peername",
                                                                            TW_NONE).p, host),
                              f->path) == 0));
    X509_NAME_get_text_by_NID(X509_get_subject_name(tw_transport_get_extra_info(f->t, "peercert",
                                                                                TW_NONE).p),
                              NID_commonName, cn, sizeof cn);
    printf("peer certificate for: %s\n", cn);
    tw_transport_write(f->t, "over a Unix socket\n", 19);
    TW_AWAIT(co, tw_ref(got));
    b = TW_RESULT(co).p;
    printf("echoed: %.*s\n", (int)b->len - 1, (const char *)b->data);
    tw_bytes_free(b);
    tw_transport_close(f->t);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    unlink(f->path);
    rmdir(f->tmp);
    tw_unref(f->t);
    tw_unref(f->server);
    tw_unref(got);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if ((err = tw_ssl_context_new_server("../certs/server.pem", "../certs/server.key",
                                         &server_ctx))
        || (err = tw_ssl_context_new_client("../certs/ca.pem", &client_ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(server_ctx);
    tw_unref(client_ctx);
    return tw_report_uncaught(err);
}
