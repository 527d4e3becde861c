#line 1907 "chapters/tier9-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <openssl/x509.h>
#include "tower.h"

enum { SIZE = 256 * 1024 };

static tw_ssl_context *ctx;
static unsigned char payload[SIZE];

struct main_frame { tw_coro co; tw_stream_reader *reader; tw_stream_writer *writer; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_tls_options tls = { .ssl = ctx, .server_hostname = "localhost" };
    char cn[256] = "";
    struct iovec iov[2] = { { "HELLO tower\n", 12 }, { payload, SIZE } };
    TW_BEGIN(co);
    for (size_t i = 0; i < SIZE; i++)
        payload[i] = (unsigned char)(i % 251);
    TW_AWAIT(co, tw_open_connection_tls("127.0.0.1", atoi(getenv("TOWER_PORT")),
                                        TW_STREAM_LIMIT, &tls, &f->reader, &f->writer));
    X509_NAME_get_text_by_NID(X509_get_subject_name(tw_stream_writer_get_extra_info(f->writer,
                                                        "peercert", TW_NONE).p),
                              NID_commonName, cn, sizeof cn);
    printf("connected, peer certificate for: %s\n", cn);
    tw_stream_writer_writelines(f->writer, iov, 2);
    TW_AWAIT(co, tw_stream_writer_drain(f->writer));
    TW_AWAIT(co, tw_stream_reader_readline(f->reader));
    {
        tw_bytes *answer = TW_RESULT(co).p;
        printf("answer: %.*s\n", (int)answer->len - 1, (const char *)answer->data);
        tw_bytes_free(answer);
    }
    TW_AWAIT(co, tw_stream_reader_readexactly(f->reader, SIZE));
    {
        tw_bytes *data = TW_RESULT(co).p;
        bool all_y = true;
        for (size_t i = 0; i < data->len; i++)
            all_y = all_y && data->data[i] == 'y';
        printf("then %zu bytes, all y: %s\n", data->len, tw_bool_str(all_y));
        tw_bytes_free(data);
    }
    tw_stream_writer_close(f->writer);
    TW_AWAIT(co, tw_stream_writer_wait_closed(f->writer));
    printf("closed\n");
    tw_unref(f->writer);
    tw_unref(f->reader);
    TW_END(co);
}

int main(void)
{
    tw_error *err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("TOWER_PORT") == NULL) {
        fprintf(stderr, "TOWER_PORT is not set\n");
        return 2;
    }
    if ((err = tw_ssl_context_new_client("../certs/ca.pem", &ctx)))
        return tw_report_uncaught(err);
    err = tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL);
    tw_unref(ctx);
    return tw_report_uncaught(err);
}
