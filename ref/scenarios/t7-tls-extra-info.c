#line 2210 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include "tower.h"

static tw_ssl_context *server_ctx, *client_ctx;
static tw_future *server_side;

static tw_error *server_made(tw_protocol *p, tw_transport *t)
{
    (void)p;
    return tw_future_set_result(server_side, TW_PTR(tw_ref(t)));
}

static const tw_protocol_class server_class = { .name = "Server", .connection_made = server_made };
static const tw_protocol_class client_class = { .name = "Protocol" };

static tw_protocol *factory(void *cls) { return tw_protocol_new(cls, sizeof(tw_protocol)); }

static void report(const char *who, tw_transport *t, tw_ssl_context *ctx)
{
    SSL *obj = tw_transport_get_extra_info(t, "ssl_object", TW_NONE).p;
    X509 *cert = tw_transport_get_extra_info(t, "peercert", TW_NONE).p;
    char cn[256] = "None", host[TW_ADDRSTRLEN];
    tw_error *err;
    if (cert)
        X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
    printf("%s: sslcontext is its context: %s\n", who,
           tw_bool_str(tw_transport_get_extra_info(t, "sslcontext", TW_NONE).p == ctx));
    printf("%s: ssl_object version: %s\n", who, SSL_get_version(obj));
    printf("%s: peercert subject CN: %s\n", who, cn);
    printf("%s: cipher: %s\n", who, tw_transport_get_extra_info(t, "cipher", TW_NONE).s);
    printf("%s: compression: %s\n", who,
           tw_transport_get_extra_info(t, "compression", TW_STR("?")).p ? "?" : "None");
    printf("%s: peername host: %s\n", who,
           tw_sockaddr_host(tw_transport_get_extra_info(t, "peername", TW_NONE).p, host));
    printf("%s: can_write_eof: %s\n", who, tw_bool_str(tw_transport_can_write_eof(t)));
    if ((err = tw_transport_write_eof(t)) != NULL) {
        printf("%s: write_eof raised %s\n", who, tw_error_type(err));
        tw_unref(err);
    }
}

struct main_frame {
    tw_coro co;
    tw_server *server;
    tw_transport *client, *served;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_server_options opt = { .tls = { .ssl = server_ctx } };
    tw_tls_options tls = { .ssl = client_ctx };
    TW_BEGIN(co);
    server_side = tw_future_new(loop);
    TW_AWAIT(co, tw_create_server(loop, factory, (void *)&server_class, "127.0.0.1", 0, &opt));
    f->server = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_connection_tls(loop, factory, (void *)&client_class, "localhost",
                                          tw_sockaddr_port(tw_server_sockname(f->server, 0)),
                                          &tls));
    f->client = TW_RESULT(co).p;
    report("client", f->client, client_ctx);
    TW_AWAIT(co, tw_ref(server_side));
    f->served = TW_RESULT(co).p;
    report("server", f->served, server_ctx);
    tw_transport_close(f->client);
    tw_server_close(f->server);
    TW_AWAIT(co, tw_server_wait_closed(f->server));
    tw_unref(f->served);
    tw_unref(f->client);
    tw_unref(f->server);
    tw_unref(server_side);
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
