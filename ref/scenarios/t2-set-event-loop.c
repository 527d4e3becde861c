#line 1865 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

static tw_loop *loop;

static tw_step main_body(tw_coro *co)
{
    tw_loop *running = tw_get_running_loop();
    TW_BEGIN(co);
    printf("while another loop runs, get_event_loop() is the running loop: %s\n",
           tw_bool_str(tw_get_event_loop() == running && running != loop));
    TW_END(co);
}

int main(void)
{
    tw_loop *other;
    tw_value ran;
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = tw_loop_new();
    tw_set_event_loop(loop);
    printf("get_event_loop() is the loop set: %s\n", tw_bool_str(tw_get_event_loop() == loop));
    other = tw_loop_new();
    tw_unref(tw_loop_run_until_complete(other, tw_coro_call(main_body), NULL));
    printf("after it stops, get_event_loop() is the loop set again: %s\n",
           tw_bool_str(tw_get_event_loop() == loop));
    tw_unref(tw_loop_run_until_complete(loop, tw_sleep_value(0, TW_STR("ran")), &ran));
    printf("the loop set runs as any loop: %s\n", ran.s);
    tw_set_event_loop(NULL);
    printf("after set_event_loop(None): %s\n",
           tw_get_event_loop() ? "a loop" : "RuntimeError, no current loop");
    tw_loop_free(other);
    tw_loop_free(loop);
    return 0;
}
