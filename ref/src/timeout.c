#line 2421 "chapters/tier4-tasks.nw"
/* timeout.c -- timeouts: asyncio's timeouts.py */
#include "tier4.h"

#line 2428 "chapters/tier4-tasks.nw"
enum { TM_CREATED, TM_ENTERED, TM_EXPIRING, TM_EXPIRED, TM_EXITED };

struct tw_timeout {
    int state;
    double when;
    tw_handle *handler;
    tw_task *task;
};

tw_timeout *tw_timeout_at(double when)
{
    tw_timeout *tm = tw__alloc(sizeof *tm);
    tm->when = when;
    return tm;
}

tw_timeout *tw_timeout_new(double delay)
{
    tw_loop *L = tw__running_loop("tw_timeout_new");
    return tw_timeout_at(delay == TW_FOREVER ? TW_FOREVER : tw_loop_time(L) + delay);
}

double tw_timeout_when(const tw_timeout *tm) { return tm->when; }
bool tw_timeout_expired(const tw_timeout *tm)
{
    return tm->state == TM_EXPIRING || tm->state == TM_EXPIRED;
}

static void timeout_disarm(tw_timeout *tm)
{
    if (tm->handler) {
        tw_handle_cancel(tm->handler);
        tw_handle_release(tm->handler);
        tm->handler = NULL;
    }
}

void tw_timeout_free(tw_timeout *tm)
{
    if (tm == NULL)
        return;
    timeout_disarm(tm);
    tw_unref(tm->task);
    free(tm);
}

static tw_error *timeout_fired(void *arg)
{
    tw_timeout *tm = arg;
    tw_task_cancel(tm->task, NULL);
    tm->state = TM_EXPIRING;
    tw_handle_release(tm->handler);
    tm->handler = NULL;
    return NULL;
}
#line 2486 "chapters/tier4-tasks.nw"
tw_error *tw_timeout_reschedule(tw_timeout *tm, double when)
{
    tw_loop *L;
    static const char *const names[] = { "created", "active", "expiring", "expired", "finished" };
    if (tm->state != TM_ENTERED)
        return tw_error_new(TW_ERR_RUNTIME, "Cannot change state of %s Timeout", names[tm->state]);
    L = tm->task->fut.loop;
    tm->when = when;
    timeout_disarm(tm);
    if (when == TW_FOREVER)
        return NULL;
    if (when <= tw_loop_time(L))
        return tw_call_soon(L, timeout_fired, tm, &tm->handler);
    return tw_call_at(L, when, timeout_fired, tm, &tm->handler);
}

tw_error *tw_timeout_enter(tw_timeout *tm)
{
    tw_task *t = tw_current_task();
    if (tm->state != TM_CREATED)
        return tw_error_new(TW_ERR_RUNTIME, "Timeout has already been entered");
    if (t == NULL)
        return tw_error_new(TW_ERR_RUNTIME, "Timeout should be used inside a task");
    tm->state = TM_ENTERED;
    tm->task = tw_ref(t);
    return tw_timeout_reschedule(tm, tm->when);
}

tw_error *tw_timeout_exit(tw_timeout *tm, tw_error *body_error)
{
    timeout_disarm(tm);
    if (tm->state == TM_EXPIRING) {
        tm->state = TM_EXPIRED;
        if (tw_task_uncancel(tm->task) == 0 && tw_error_kind(body_error) == TW_ERR_CANCELLED) {
            tw_unref(body_error);
            return tw_error_new(TW_ERR_TIMEOUT, NULL);
        }
    } else if (tm->state == TM_ENTERED)
        tm->state = TM_EXITED;
    return body_error;
}
