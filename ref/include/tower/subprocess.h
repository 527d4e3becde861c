#line 408 "chapters/tier5-executors.nw"
/* tower/subprocess.h -- child processes (see the book, tier 5) */
#ifndef TOWER_SUBPROCESS_H
#define TOWER_SUBPROCESS_H
#include "tower/executor.h"

#line 423 "chapters/tier5-executors.nw"
tw_error *tw_os_error_new(int errnum, const char *filename);
int tw_os_error_errno(const tw_error *e);
const char *tw_os_error_filename(const tw_error *e);
#line 451 "chapters/tier5-executors.nw"
#define TW_INHERIT 0
#define TW_PIPE (-1)
#define TW_STDOUT (-2)
#define TW_DEVNULL (-3)
#define TW_FD(fd) ((fd) + 1)
#define TW_PIPE_LIMIT 65536

typedef struct tw_subprocess_options {
    int std_in, std_out, std_err;
    const char *cwd;
    const char *const *env;
    size_t limit;
} tw_subprocess_options;
#line 500 "chapters/tier5-executors.nw"
typedef struct tw_subprocess_transport tw_subprocess_transport;
typedef struct tw_pipe_transport tw_pipe_transport;

typedef struct tw_subprocess_protocol {
    tw_error *(*connection_made)(void *self, tw_subprocess_transport *t);
    tw_error *(*pipe_data_received)(void *self, int fd, const void *data, size_t len);
    tw_error *(*pipe_connection_lost)(void *self, int fd, tw_error *exc);
    tw_error *(*process_exited)(void *self);
    tw_error *(*connection_lost)(void *self, tw_error *exc);
    tw_error *(*pause_writing)(void *self);
    tw_error *(*resume_writing)(void *self);
    void *(*ref)(void *self);
    void (*unref)(void *self);
} tw_subprocess_protocol;

tw_error *tw_loop_subprocess_exec(tw_loop *loop, const tw_subprocess_protocol *protocol,
                                  void *self, const char *const *argv,
                                  const tw_subprocess_options *options,
                                  tw_subprocess_transport **transport);
tw_error *tw_loop_subprocess_shell(tw_loop *loop, const tw_subprocess_protocol *protocol,
                                   void *self, const char *cmd,
                                   const tw_subprocess_options *options,
                                   tw_subprocess_transport **transport);

int tw_subprocess_transport_get_pid(const tw_subprocess_transport *t);
bool tw_subprocess_transport_get_returncode(const tw_subprocess_transport *t, int *code);
tw_pipe_transport *tw_subprocess_transport_get_pipe_transport(tw_subprocess_transport *t, int fd);
tw_error *tw_subprocess_transport_send_signal(tw_subprocess_transport *t, int sig);
tw_error *tw_subprocess_transport_terminate(tw_subprocess_transport *t);
tw_error *tw_subprocess_transport_kill(tw_subprocess_transport *t);
void *tw_subprocess_transport_wait(tw_subprocess_transport *t);
void tw_subprocess_transport_close(tw_subprocess_transport *t);
bool tw_subprocess_transport_is_closing(const tw_subprocess_transport *t);
tw_subprocess_transport *tw_subprocess_transport_ref(tw_subprocess_transport *t);
void tw_subprocess_transport_unref(tw_subprocess_transport *t);
#line 613 "chapters/tier5-executors.nw"
tw_error *tw_pipe_transport_write(tw_pipe_transport *p, const void *data, size_t len);
void tw_pipe_transport_close(tw_pipe_transport *p);
bool tw_pipe_transport_is_closing(const tw_pipe_transport *p);
size_t tw_pipe_transport_get_write_buffer_size(const tw_pipe_transport *p);
void tw_pipe_transport_pause_reading(tw_pipe_transport *p);
void tw_pipe_transport_resume_reading(tw_pipe_transport *p);
#line 642 "chapters/tier5-executors.nw"
typedef struct tw_process tw_process;
typedef struct tw_pipe_reader tw_pipe_reader;
typedef struct tw_pipe_writer tw_pipe_writer;

void *tw_create_subprocess_exec(const char *const *argv, const tw_subprocess_options *options);
void *tw_create_subprocess_shell(const char *cmd, const tw_subprocess_options *options);

int tw_process_pid(const tw_process *p);
bool tw_process_returncode(const tw_process *p, int *code);
tw_pipe_writer *tw_process_stdin(tw_process *p);
tw_pipe_reader *tw_process_stdout(tw_process *p);
tw_pipe_reader *tw_process_stderr(tw_process *p);
void *tw_process_wait(tw_process *p);
void *tw_process_communicate(tw_process *p, const void *input, size_t len,
                             tw_bytes **out, tw_bytes **err);
tw_error *tw_process_send_signal(tw_process *p, int sig);
tw_error *tw_process_terminate(tw_process *p);
tw_error *tw_process_kill(tw_process *p);
tw_subprocess_transport *tw_process_transport(tw_process *p);
void tw_process_unref(tw_process *p);
#line 711 "chapters/tier5-executors.nw"
void *tw_pipe_reader_read(tw_pipe_reader *r, ptrdiff_t n);
void *tw_pipe_reader_readline(tw_pipe_reader *r);
bool tw_pipe_reader_at_eof(const tw_pipe_reader *r);

tw_error *tw_pipe_writer_write(tw_pipe_writer *w, const void *data, size_t len);
void *tw_pipe_writer_drain(tw_pipe_writer *w);
void tw_pipe_writer_close(tw_pipe_writer *w);
bool tw_pipe_writer_is_closing(const tw_pipe_writer *w);
#line 419 "chapters/tier5-executors.nw"
#endif
