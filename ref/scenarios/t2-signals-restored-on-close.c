#line 1513 "chapters/tier2-examples.nw"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tower.h"

static volatile sig_atomic_t received[2];
static volatile sig_atomic_t nreceived;

static void plain_handler(int sig)
{
    if (nreceived < 2)
        received[nreceived++] = sig;
}

static tw_error *on_sigusr1(void *handled)
{
    return tw_future_set_result(handled, TW_STR("SIGUSR1"));
}

static tw_error *never(void *unused)
{
    (void)unused;
    printf("SIGUSR2 handler (never)\n");
    return NULL;
}

static tw_error *send_sigusr1(void *unused)
{
    (void)unused;
    kill(getpid(), SIGUSR1);
    return NULL;
}

static bool default_disposition(int sig)
{
    struct sigaction sa;
    sigset_t blocked;
    sigaction(sig, NULL, &sa);
    pthread_sigmask(SIG_BLOCK, NULL, &blocked);
    return sa.sa_handler == SIG_DFL && !sigismember(&blocked, sig);
}

static void install(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    tw_future *handled = tw_future_new(loop);
    static const struct { int sig; const char *name; } sigs[] = {
        { SIGUSR1, "SIGUSR1" }, { SIGUSR2, "SIGUSR2" } };
    tw_value v;
    setvbuf(stdout, NULL, _IOLBF, 0);
    tw_unref(tw_loop_add_signal_handler(loop, SIGUSR1, on_sigusr1, handled));
    tw_unref(tw_loop_add_signal_handler(loop, SIGUSR2, never, NULL));
    tw_unref(tw_call_soon(loop, send_sigusr1, NULL, NULL));
    if (tw_loop_run_until_complete(loop, tw_ref(handled), &v) == NULL)
        printf("the loop's handler ran: %s\n", v.s);
    tw_unref(tw_loop_close(loop));
    for (int i = 0; i < 2; i++) {
        printf("after close, %s has its default disposition: %s\n", sigs[i].name,
               tw_bool_str(default_disposition(sigs[i].sig)));
        install(sigs[i].sig, plain_handler);
        kill(getpid(), sigs[i].sig);
        install(sigs[i].sig, SIG_DFL);
    }
    printf("a plain handler installed after close receives: [");
    for (int i = 0; i < nreceived; i++)
        printf("%s'%s'", i ? ", " : "", received[i] == SIGUSR1 ? "SIGUSR1" : "SIGUSR2");
    printf("]\n");
    tw_unref(handled);
    tw_loop_free(loop);
    return 0;
}
