#line 4540 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 1917 "tower.nw"
Suite *tw_coro_suite(void);
#line 4559 "tower.nw"
Suite *tw_loop_suite(void);
#line 6179 "tower.nw"
Suite *tw_future_suite(void);
#line 10078 "tower.nw"
Suite *tw_task_suite(void);

#line 4546 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 1920 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4562 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6182 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10081 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 4551 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
