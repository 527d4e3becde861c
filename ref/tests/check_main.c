#line 4901 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 2114 "tower.nw"
Suite *tw_coro_suite(void);
#line 4920 "tower.nw"
Suite *tw_loop_suite(void);
#line 6611 "tower.nw"
Suite *tw_future_suite(void);
#line 10499 "tower.nw"
Suite *tw_task_suite(void);
#line 17324 "tower.nw"
Suite *tw_executor_suite(void);
Suite *tw_subprocess_suite(void);
#line 21640 "tower.nw"
Suite *tw_sync_suite(void);
#line 26248 "tower.nw"
Suite *tw_transport_suite(void);
#line 30713 "tower.nw"
Suite *tw_protocol_suite(void);
#line 34999 "tower.nw"
Suite *tw_stream_suite(void);

#line 4907 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 2117 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4923 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6614 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10502 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 17328 "tower.nw"
srunner_add_suite(sr, tw_executor_suite());
srunner_add_suite(sr, tw_subprocess_suite());
#line 21643 "tower.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 26251 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 30716 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 35002 "tower.nw"
srunner_add_suite(sr, tw_stream_suite());
#line 4912 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
