#line 402 "chapters/tier5-executors.nw"
/* tower/subprocess.h -- child processes (see the book, tier 5) */
#ifndef TOWER_SUBPROCESS_H
#define TOWER_SUBPROCESS_H
#include "tower/executor.h"

#line 417 "chapters/tier5-executors.nw"
#define TW_INHERIT 0
#define TW_PIPE (-1)
#define TW_STDOUT (-2)
#define TW_DEVNULL (-3)
#define TW_FD(fd) ((fd) + 1)

typedef struct tw_subprocess_options {
    int std_in, std_out, std_err;
    const char *cwd;
    const char *const *env;
    size_t limit;
} tw_subprocess_options;
#line 466 "chapters/tier5-executors.nw"
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
#line 579 "chapters/tier5-executors.nw"
tw_error *tw_pipe_transport_write(tw_pipe_transport *p, const void *data, size_t len);
void tw_pipe_transport_close(tw_pipe_transport *p);
bool tw_pipe_transport_is_closing(const tw_pipe_transport *p);
size_t tw_pipe_transport_get_write_buffer_size(const tw_pipe_transport *p);
void tw_pipe_transport_pause_reading(tw_pipe_transport *p);
void tw_pipe_transport_resume_reading(tw_pipe_transport *p);
#line 410 "chapters/tier5-executors.nw"
#endif
