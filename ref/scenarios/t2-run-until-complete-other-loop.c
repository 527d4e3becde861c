#line 1913 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

int main(void)
{
    tw_loop *loop = tw_loop_new(), *other = tw_loop_new();
    tw_future *fut = tw_future_new(other);
    tw_error *err;
    tw_value v;
    setvbuf(stdout, NULL, _IOLBF, 0);
    err = tw_loop_run_until_complete(loop, tw_ref(fut), NULL);
    if (err == NULL)
        printf("run_until_complete with a future of another loop: accepted\n");
    else
        printf("run_until_complete with a future of another loop: %s: %s\n", tw_error_type(err),
               tw_error_str(err));
    tw_unref(err);
    printf("the future is untouched: done() is %s\n", tw_bool_str(tw_future_done(fut)));
    tw_unref(tw_loop_run_until_complete(loop, tw_sleep_value(0, TW_STR("yes")), &v));
    printf("the loop still runs: %s\n", v.s);
    tw_unref(fut);
    tw_loop_free(other);
    tw_loop_free(loop);
    return 0;
}
