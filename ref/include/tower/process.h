#line 702 "chapters/tier9-streams.nw"
/* tower/process.h -- asyncio.subprocess: processes and their streams (see the book, tier 9) */
#ifndef TOWER_PROCESS_H
#define TOWER_PROCESS_H
#include "tower/stream.h"

#line 712 "chapters/tier9-streams.nw"
typedef struct tw_process tw_process;

tw_coro *tw_create_subprocess_exec(const char *const *argv, const tw_subprocess_options *options);
tw_coro *tw_create_subprocess_shell(const char *cmd, const tw_subprocess_options *options);

int tw_process_pid(const tw_process *p);
bool tw_process_returncode(const tw_process *p, int *code);
tw_stream_writer *tw_process_stdin(tw_process *p);
tw_stream_reader *tw_process_stdout(tw_process *p);
tw_stream_reader *tw_process_stderr(tw_process *p);
tw_coro *tw_process_wait(tw_process *p);
tw_coro *tw_process_communicate(tw_process *p, const void *input, size_t len,
                                tw_bytes **out, tw_bytes **err);
tw_error *tw_process_send_signal(tw_process *p, int sig);
tw_error *tw_process_terminate(tw_process *p);
tw_error *tw_process_kill(tw_process *p);
tw_transport *tw_process_transport(tw_process *p);

#undef TW__KINDS_9
#define TW__KINDS_9(F, x) TW__KINDS_STREAMS(F, x) F(tw_process, x)
#line 708 "chapters/tier9-streams.nw"
#endif
