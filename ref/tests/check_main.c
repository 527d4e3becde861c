#line 4538 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 1917 "tower.nw"
Suite *tw_coro_suite(void);
#line 4557 "tower.nw"
Suite *tw_loop_suite(void);
#line 6177 "tower.nw"
Suite *tw_future_suite(void);
#line 10076 "tower.nw"
Suite *tw_task_suite(void);

#line 4544 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 1920 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4560 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6180 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10079 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 4549 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
