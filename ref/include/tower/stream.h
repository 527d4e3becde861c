#line 30598 "tower.nw"
/* tower/stream.h -- streams (see the book, tier 9) */
#ifndef TOWER_STREAM_H
#define TOWER_STREAM_H
#include "tower/executor.h"

#line 30646 "tower.nw"
tw_error *tw_incomplete_read_error_new(const void *partial, size_t len, ptrdiff_t expected);
tw_error *tw_limit_overrun_error_new(const char *message, ptrdiff_t consumed);
const unsigned char *tw_incomplete_read_partial(const tw_error *e, size_t *len);
ptrdiff_t tw_incomplete_read_expected(const tw_error *e);
ptrdiff_t tw_limit_overrun_consumed(const tw_error *e);
#line 30684 "tower.nw"
typedef struct tw_stream_transport_ops {
    bool (*pause_reading)(void *transport);
    void (*resume_reading)(void *transport);
    
#line 30848 "tower.nw"
    tw_error *(*write)(void *transport, const void *data, size_t len);
    tw_error *(*write_eof)(void *transport);
    bool (*can_write_eof)(void *transport);
    void (*close)(void *transport);
    bool (*is_closing)(void *transport);
#line 30688 "tower.nw"
} tw_stream_transport_ops;
#line 30706 "tower.nw"
#define TW_STREAM_LIMIT 65536

typedef struct tw_stream_reader tw_stream_reader;

tw_error *tw_stream_reader_new(tw_loop *loop, ptrdiff_t limit, tw_stream_reader **reader);
tw_stream_reader *tw_stream_reader_ref(tw_stream_reader *r);
void tw_stream_reader_unref(tw_stream_reader *r);
void tw_stream_reader_set_transport(tw_stream_reader *r, const tw_stream_transport_ops *ops,
                                    void *transport);

void tw_stream_reader_feed_data(tw_stream_reader *r, const void *data, size_t len);
void tw_stream_reader_feed_eof(tw_stream_reader *r);
void tw_stream_reader_set_exception(tw_stream_reader *r, tw_error *e);
tw_error *tw_stream_reader_exception(const tw_stream_reader *r);
bool tw_stream_reader_at_eof(const tw_stream_reader *r);
size_t tw_stream_reader_buffered(const tw_stream_reader *r);

void *tw_stream_reader_read(tw_stream_reader *r, ptrdiff_t n);
void *tw_stream_reader_readline(tw_stream_reader *r);
void *tw_stream_reader_readexactly(tw_stream_reader *r, ptrdiff_t n);
void *tw_stream_reader_readuntil(tw_stream_reader *r, const void *separator, size_t len);
#line 30861 "tower.nw"
typedef struct tw_stream_writer tw_stream_writer;

tw_stream_writer *tw_stream_writer_new(tw_loop *loop, const tw_stream_transport_ops *ops,
                                       void *transport, tw_stream_reader *reader);
tw_stream_writer *tw_stream_writer_ref(tw_stream_writer *w);
void tw_stream_writer_unref(tw_stream_writer *w);

tw_error *tw_stream_writer_write(tw_stream_writer *w, const void *data, size_t len);
tw_error *tw_stream_writer_writelines(tw_stream_writer *w, size_t n, const void *const *parts,
                                      const size_t *lens);
tw_error *tw_stream_writer_write_eof(tw_stream_writer *w);
bool tw_stream_writer_can_write_eof(tw_stream_writer *w);
void tw_stream_writer_close(tw_stream_writer *w);
bool tw_stream_writer_is_closing(tw_stream_writer *w);
void *tw_stream_writer_drain(tw_stream_writer *w);

void tw_stream_writer_pause_writing(tw_stream_writer *w);
void tw_stream_writer_resume_writing(tw_stream_writer *w);
void tw_stream_writer_connection_lost(tw_stream_writer *w, tw_error *exc);
#line 30607 "tower.nw"
#endif
