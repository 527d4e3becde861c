#line 4864 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 2079 "tower.nw"
Suite *tw_coro_suite(void);
#line 4883 "tower.nw"
Suite *tw_loop_suite(void);
#line 6576 "tower.nw"
Suite *tw_future_suite(void);
#line 10487 "tower.nw"
Suite *tw_task_suite(void);
#line 14719 "tower.nw"
Suite *tw_sync_suite(void);
#line 18886 "tower.nw"
Suite *tw_transport_suite(void);
#line 22846 "tower.nw"
Suite *tw_protocol_suite(void);
#line 25099 "tower.nw"
Suite *tw_stream_suite(void);

#line 4870 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 2082 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4886 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6579 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10490 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 14722 "tower.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 18889 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 22849 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 25102 "tower.nw"
srunner_add_suite(sr, tw_stream_suite());
#line 4875 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
