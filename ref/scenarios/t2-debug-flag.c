#line 1404 "chapters/tier2-examples.nw"
#include <stdio.h>
#include "tower.h"

int main(void)
{
    tw_loop *loop = tw_loop_new();
    tw_loop *other = tw_loop_new();
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("get_debug() of a new loop: %s\n", tw_bool_str(tw_loop_get_debug(loop)));
    tw_loop_set_debug(loop, true);
    printf("after set_debug(True): %s\n", tw_bool_str(tw_loop_get_debug(loop)));
    printf("another loop is unaffected: %s\n", tw_bool_str(tw_loop_get_debug(other)));
    tw_loop_set_debug(loop, false);
    printf("after set_debug(False): %s\n", tw_bool_str(tw_loop_get_debug(loop)));
    tw_loop_free(other);
    tw_loop_free(loop);
    return 0;
}
