#line 77 "chapters/tier3-futures.nw"
/* tower/future.h -- futures (see the book, tier 3) */
#ifndef TOWER_FUTURE_H
#define TOWER_FUTURE_H
#include "tower/loop.h"

tw_future *tw_future_new(tw_loop *loop);
tw_error *tw_future_set_result(tw_future *f, tw_value v);
tw_error *tw_future_set_exception(tw_future *f, tw_error *e);
bool tw_future_cancel(tw_future *f, const char *msg);
bool tw_future_done(const tw_future *f);
bool tw_future_cancelled(const tw_future *f);
tw_error *tw_future_result(tw_future *f, tw_value *result);
tw_error *tw_future_exception(tw_future *f, tw_error **exception);
void tw_future_add_done_callback(tw_future *f, tw_done_fn fn, void *arg);
size_t tw_future_remove_done_callback(tw_future *f, tw_done_fn fn, void *arg);
tw_loop *tw_future_loop(const tw_future *f);

#undef TW__KINDS_3
#define TW__KINDS_3(F, x) F(tw_future, x)
#undef TW__AWAITABLES_3
#define TW__AWAITABLES_3(F, x) F(tw_future, x)
#endif
