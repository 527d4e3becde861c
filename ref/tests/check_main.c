#line 4870 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 2085 "tower.nw"
Suite *tw_coro_suite(void);
#line 4889 "tower.nw"
Suite *tw_loop_suite(void);
#line 6580 "tower.nw"
Suite *tw_future_suite(void);
#line 10478 "tower.nw"
Suite *tw_task_suite(void);
#line 17303 "tower.nw"
Suite *tw_executor_suite(void);
Suite *tw_subprocess_suite(void);
#line 21618 "tower.nw"
Suite *tw_sync_suite(void);
#line 26223 "tower.nw"
Suite *tw_transport_suite(void);
#line 30688 "tower.nw"
Suite *tw_protocol_suite(void);
#line 34974 "tower.nw"
Suite *tw_stream_suite(void);

#line 4876 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 2088 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4892 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6583 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10481 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 17307 "tower.nw"
srunner_add_suite(sr, tw_executor_suite());
srunner_add_suite(sr, tw_subprocess_suite());
#line 21621 "tower.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 26226 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 30691 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 34977 "tower.nw"
srunner_add_suite(sr, tw_stream_suite());
#line 4881 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
