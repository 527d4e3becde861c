#line 4548 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 1920 "tower.nw"
Suite *tw_coro_suite(void);
#line 4567 "tower.nw"
Suite *tw_loop_suite(void);
#line 6187 "tower.nw"
Suite *tw_future_suite(void);
#line 10086 "tower.nw"
Suite *tw_task_suite(void);
#line 14633 "tower.nw"
Suite *tw_transport_suite(void);
#line 18054 "tower.nw"
Suite *tw_protocol_suite(void);

#line 4554 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 1923 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4570 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6190 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10089 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 14636 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 18057 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 4559 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
