#line 241 "chapters/tier9-streams.nw"
/* tower/stream.h -- streams (see the book, tier 9) */
#ifndef TOWER_STREAM_H
#define TOWER_STREAM_H
#include "tower/executor.h"
#include "tower/server.h"

#line 289 "chapters/tier9-streams.nw"
tw_error *tw_incomplete_read_error_new(const void *partial, size_t len, ptrdiff_t expected);
tw_error *tw_limit_overrun_error_new(const char *message, ptrdiff_t consumed);
const unsigned char *tw_incomplete_read_partial(const tw_error *e, size_t *len);
ptrdiff_t tw_incomplete_read_expected(const tw_error *e);
ptrdiff_t tw_limit_overrun_consumed(const tw_error *e);
#line 347 "chapters/tier9-streams.nw"
#define TW_STREAM_LIMIT 65536

typedef struct tw_stream_reader tw_stream_reader;

tw_error *tw_stream_reader_new(tw_loop *loop, ptrdiff_t limit, tw_stream_reader **reader);
void tw_stream_reader_set_transport(tw_stream_reader *r, tw_transport *transport);

void tw_stream_reader_feed_data(tw_stream_reader *r, const void *data, size_t len);
void tw_stream_reader_feed_eof(tw_stream_reader *r);
void tw_stream_reader_set_exception(tw_stream_reader *r, tw_error *e);
tw_error *tw_stream_reader_exception(const tw_stream_reader *r);
bool tw_stream_reader_at_eof(const tw_stream_reader *r);
size_t tw_stream_reader_buffered(const tw_stream_reader *r);

tw_coro *tw_stream_reader_read(tw_stream_reader *r, ptrdiff_t n);
tw_coro *tw_stream_reader_readline(tw_stream_reader *r);
tw_coro *tw_stream_reader_readexactly(tw_stream_reader *r, ptrdiff_t n);
tw_coro *tw_stream_reader_readuntil(tw_stream_reader *r, const void *separator, size_t len);
#line 484 "chapters/tier9-streams.nw"
typedef struct tw_stream_writer tw_stream_writer;

tw_stream_writer *tw_stream_writer_new(tw_transport *transport, tw_protocol *protocol,
                                       tw_stream_reader *reader);
tw_transport *tw_stream_writer_transport(const tw_stream_writer *w);

tw_error *tw_stream_writer_write(tw_stream_writer *w, const void *data, size_t len);
tw_error *tw_stream_writer_writelines(tw_stream_writer *w, const struct iovec *iov, size_t n);
tw_error *tw_stream_writer_write_eof(tw_stream_writer *w);
bool tw_stream_writer_can_write_eof(tw_stream_writer *w);
void tw_stream_writer_close(tw_stream_writer *w);
bool tw_stream_writer_is_closing(tw_stream_writer *w);
tw_value tw_stream_writer_get_extra_info(tw_stream_writer *w, const char *name, tw_value dflt);
tw_coro *tw_stream_writer_drain(tw_stream_writer *w);
tw_future *tw_stream_writer_wait_closed(tw_stream_writer *w);

#define TW__KINDS_STREAMS(F, x) F(tw_stream_reader, x) F(tw_stream_writer, x)
#undef TW__KINDS_9
#define TW__KINDS_9(F, x) TW__KINDS_STREAMS(F, x)
#line 553 "chapters/tier9-streams.nw"
typedef tw_coro *(*tw_stream_handler)(tw_stream_reader *reader, tw_stream_writer *writer,
                                      void *arg);

tw_protocol *tw_stream_protocol_new(tw_stream_reader *reader, tw_stream_handler handler,
                                    void *arg);
#line 602 "chapters/tier9-streams.nw"
tw_coro *tw_open_connection(const char *host, int port, ptrdiff_t limit,
                            tw_stream_reader **reader, tw_stream_writer **writer);
tw_coro *tw_start_server(tw_stream_handler handler, void *arg, const char *host, int port,
                         ptrdiff_t limit, const tw_server_options *options);
tw_coro *tw_open_unix_connection(const char *path, int sock, ptrdiff_t limit,
                                 tw_stream_reader **reader, tw_stream_writer **writer);
tw_coro *tw_start_unix_server(tw_stream_handler handler, void *arg, const char *path,
                              ptrdiff_t limit, const tw_server_options *options);
#line 619 "chapters/tier9-streams.nw"
tw_coro *tw_open_connection_tls(const char *host, int port, ptrdiff_t limit,
                                const tw_tls_options *tls, tw_stream_reader **reader,
                                tw_stream_writer **writer);
tw_coro *tw_open_unix_connection_tls(const char *path, int sock, ptrdiff_t limit,
                                     const tw_tls_options *tls, tw_stream_reader **reader,
                                     tw_stream_writer **writer);
tw_coro *tw_stream_writer_start_tls(tw_stream_writer *w, const tw_tls_options *tls);
#line 252 "chapters/tier9-streams.nw"
#endif
