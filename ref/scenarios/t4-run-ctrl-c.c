#line 2556 "chapters/tier4-examples.nw"
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

/* the caught CancelledError is kept across the cleanup's await, then re-raised */
struct main_frame { tw_coro co; tw_error *caught; };

static void main_cleanup(tw_coro *co)
{
    tw_unref(((struct main_frame *)co)->caught);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    kill(getpid(), SIGINT);
    TW_AWAIT_TRY(co, tw_sleep(3600));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        f->caught = TW_TAKE_ERROR(co);
        printf("main task cancelled, cancelling() = %d\n",
               tw_task_cancelling(tw_current_task()));
        TW_AWAIT(co, tw_sleep(0));
        printf("main task cleaned up after the cancellation\n");
        {
            tw_error *e = f->caught;
            f->caught = NULL;
            TW_RAISE(co, e);
        }
    }
    TW_RERAISE(co);
    TW_END(co);
}

static tw_step suppresses_body(tw_coro *co)
{
    TW_BEGIN(co);
    kill(getpid(), SIGINT);
    TW_AWAIT_TRY(co, tw_sleep(3600));
    if (tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED)) {
        TW_CLEAR(co);
        printf("main task cancelled, and it suppresses the cancellation\n");
    }
    TW_RETURN(co, TW_STR("finished"));
    TW_END(co);
}

static const char *sigint_is_default(void)
{
    struct sigaction sa;
    sigset_t blocked;
    sigaction(SIGINT, NULL, &sa);
    pthread_sigmask(SIG_BLOCK, NULL, &blocked);
    return tw_bool_str(sa.sa_handler == SIG_DFL && !sigismember(&blocked, SIGINT));
}

static void run(tw_coro *main)
{
    tw_value v;
    tw_error *err = tw_run(main, &v);
    if (err == NULL)
        printf("asyncio.run returned '%s'\n", v.s);
    else if (tw_error_is(err, TW_ERR_KEYBOARD_INTERRUPT))
        printf("asyncio.run raised KeyboardInterrupt\n");
    else
        printf("asyncio.run raised %s\n", tw_error_type(err));
    tw_unref(err);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("SIGINT handler before: default_int_handler: %s\n", sigint_is_default());
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    run(&f->co);
    printf("SIGINT handler after: default_int_handler: %s\n", sigint_is_default());
    run(tw_coro_new(suppresses_body, sizeof(tw_coro)));
    return 0;
}
