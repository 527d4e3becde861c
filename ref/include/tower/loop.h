#line 272 "chapters/tier2-event-loop.nw"
/* tower/loop.h -- the event loop (see the book, tier 2) */
#ifndef TOWER_LOOP_H
#define TOWER_LOOP_H
#include "tower/coro.h"

typedef struct tw_loop tw_loop;
typedef struct tw_handle tw_handle;
typedef struct tw_future tw_future;
typedef tw_error *(*tw_callback_fn)(void *arg);
typedef tw_error *(*tw_done_fn)(tw_future *f, void *arg);

#line 301 "chapters/tier2-event-loop.nw"
typedef enum tw_clock { TW_CLOCK_DEFAULT = 0, TW_CLOCK_REAL, TW_CLOCK_VIRTUAL } tw_clock;

tw_loop *tw_loop_new(void);
tw_loop *tw_loop_new_clock(tw_clock clock);
tw_error *tw_loop_run_forever(tw_loop *loop);
void tw_loop_stop(tw_loop *loop);
tw_error *tw_loop_close(tw_loop *loop);
void tw_loop_free(tw_loop *loop);
bool tw_loop_is_running(const tw_loop *loop);
bool tw_loop_is_closed(const tw_loop *loop);
bool tw_loop_is_virtual(const tw_loop *loop);
double tw_loop_time(const tw_loop *loop);
tw_loop *tw_get_running_loop(void);
void tw_set_event_loop(tw_loop *loop);
tw_loop *tw_get_event_loop(void);
void tw_loop_hold(tw_loop *loop);
void tw_loop_unhold(tw_loop *loop);
void tw_loop_set_debug(tw_loop *loop, bool enabled);
bool tw_loop_get_debug(const tw_loop *loop);
void tw_loop_set_slow_callback_duration(tw_loop *loop, double seconds);
double tw_loop_get_slow_callback_duration(const tw_loop *loop);
tw_coro *tw_loop_shutdown_asyncgens(tw_loop *loop);
#line 430 "chapters/tier2-event-loop.nw"
tw_error *tw_call_soon(tw_loop *loop, tw_callback_fn fn, void *arg, tw_handle **handle);
tw_error *tw_call_later(tw_loop *loop, double delay, tw_callback_fn fn, void *arg,
                        tw_handle **handle);
tw_error *tw_call_at(tw_loop *loop, double when, tw_callback_fn fn, void *arg,
                     tw_handle **handle);
tw_error *tw_call_soon_threadsafe(tw_loop *loop, tw_callback_fn fn, void *arg);

void tw_handle_cancel(tw_handle *handle);
bool tw_handle_cancelled(const tw_handle *handle);
double tw_handle_when(const tw_handle *handle);
void tw_handle_release(tw_handle *handle);
#line 473 "chapters/tier2-event-loop.nw"
tw_error *tw_loop_add_reader(tw_loop *loop, int fd, tw_callback_fn fn, void *arg);
bool tw_loop_remove_reader(tw_loop *loop, int fd);
tw_error *tw_loop_add_writer(tw_loop *loop, int fd, tw_callback_fn fn, void *arg);
bool tw_loop_remove_writer(tw_loop *loop, int fd);
tw_error *tw_loop_add_signal_handler(tw_loop *loop, int sig, tw_callback_fn fn, void *arg);
bool tw_loop_remove_signal_handler(tw_loop *loop, int sig);
#line 509 "chapters/tier2-event-loop.nw"
typedef struct tw_context_item {
    const char *key;
    const char *value;
} tw_context_item;

typedef struct tw_context {
    const char *message;
    tw_error *error;
    tw_handle *handle;
    tw_future *future;
    struct tw_task *task;
    size_t nitems;
    const tw_context_item *items;
} tw_context;

typedef void (*tw_exception_handler)(tw_loop *loop, const tw_context *context, void *data);

void tw_loop_set_exception_handler(tw_loop *loop, tw_exception_handler handler, void *data);
tw_exception_handler tw_loop_get_exception_handler(const tw_loop *loop);
void tw_loop_call_exception_handler(tw_loop *loop, const tw_context *context);
void tw_loop_default_exception_handler(tw_loop *loop, const tw_context *context);
#line 287 "chapters/tier2-event-loop.nw"
#endif
