#line 4865 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 2079 "tower.nw"
Suite *tw_coro_suite(void);
#line 4884 "tower.nw"
Suite *tw_loop_suite(void);
#line 6577 "tower.nw"
Suite *tw_future_suite(void);
#line 10494 "tower.nw"
Suite *tw_task_suite(void);
#line 17316 "tower.nw"
Suite *tw_executor_suite(void);
Suite *tw_subprocess_suite(void);
#line 21647 "tower.nw"
Suite *tw_sync_suite(void);
#line 26248 "tower.nw"
Suite *tw_transport_suite(void);
#line 30711 "tower.nw"
Suite *tw_protocol_suite(void);
#line 34997 "tower.nw"
Suite *tw_stream_suite(void);

#line 4871 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 2082 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4887 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6580 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10497 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 17320 "tower.nw"
srunner_add_suite(sr, tw_executor_suite());
srunner_add_suite(sr, tw_subprocess_suite());
#line 21650 "tower.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 26251 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 30714 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 35000 "tower.nw"
srunner_add_suite(sr, tw_stream_suite());
#line 4876 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
