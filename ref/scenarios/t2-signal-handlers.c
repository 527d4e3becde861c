#line 1225 "chapters/tier2-examples.nw"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tower.h"

static pthread_t loop_thread;
static tw_future *arrived;
static int expected;
static char seen[2][64];
static int nseen;

static tw_error *on_signal(void *name)
{
    snprintf(seen[nseen++], sizeof seen[0], "%s on the loop thread: %s", (const char *)name,
             tw_bool_str(pthread_equal(pthread_self(), loop_thread)));
    if (nseen == expected)
        return tw_future_set_result(arrived, TW_NONE);
    return NULL;
}

static tw_error *replaced_handler(void *unused)
{
    (void)unused;
    printf("replaced handler called (never)\n");
    return NULL;
}

static void expect_signals(tw_loop *loop, int count)
{
    nseen = 0;
    expected = count;
    arrived = tw_future_new(loop);
}

static void try_add(tw_loop *loop, int sig)
{
    tw_error *err = tw_loop_add_signal_handler(loop, sig, replaced_handler, NULL);
    if (err == NULL)
        printf("add_signal_handler(%d): no error\n", sig);
    else
        printf("add_signal_handler(%d): %s: %s\n", sig, tw_error_type(err), tw_error_message(err));
    tw_unref(err);
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    TW_BEGIN(co);
    tw_unref(tw_loop_add_signal_handler(loop, SIGUSR1, replaced_handler, NULL));
    tw_unref(tw_loop_add_signal_handler(loop, SIGUSR1, on_signal, "SIGUSR1"));
    expect_signals(loop, 1);
    kill(getpid(), SIGUSR1);
    TW_AWAIT(co, tw_ref(arrived));
    tw_unref(arrived);
    printf("handled: %s\n", seen[0]);

    tw_unref(tw_loop_add_signal_handler(loop, SIGUSR2, on_signal, "SIGUSR2"));
    expect_signals(loop, 2);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    TW_AWAIT(co, tw_ref(arrived));
    tw_unref(arrived);
    {
        int first = strcmp(seen[0], seen[1]) <= 0 ? 0 : 1;
        printf("two signals sent together, both handled: ['%s', '%s']\n", seen[first],
               seen[1 - first]);
    }

    try_add(loop, SIGKILL);
    try_add(loop, 0);
    try_add(loop, NSIG);

    printf("remove SIGUSR1: %s\n", tw_bool_str(tw_loop_remove_signal_handler(loop, SIGUSR1)));
    printf("remove SIGUSR1 again: %s\n",
           tw_bool_str(tw_loop_remove_signal_handler(loop, SIGUSR1)));
    printf("remove SIGUSR2: %s\n", tw_bool_str(tw_loop_remove_signal_handler(loop, SIGUSR2)));
    printf("remove SIGTERM, never added: %s\n",
           tw_bool_str(tw_loop_remove_signal_handler(loop, SIGTERM)));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop_thread = pthread_self();
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
