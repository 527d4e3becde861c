#line 8 "chapters/tier2-tests.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 64 "chapters/tier1-tests.nw"
Suite *tw_coro_suite(void);
#line 27 "chapters/tier2-tests.nw"
Suite *tw_loop_suite(void);
#line 66 "chapters/tier3-tests.nw"
Suite *tw_future_suite(void);
#line 104 "chapters/tier4-tests.nw"
Suite *tw_task_suite(void);
#line 13 "chapters/tier5-tests.nw"
Suite *tw_executor_suite(void);
#line 13 "chapters/tier6-tests.nw"
Suite *tw_sync_suite(void);
#line 266 "chapters/tier7-tests.nw"
Suite *tw_transport_suite(void);
#line 1097 "chapters/tier7-tests.nw"
Suite *tw_subprocess_suite(void);
#line 2129 "chapters/tier7-tests.nw"
Suite *tw_tls_suite(void);
#line 3147 "chapters/tier7-tests.nw"
Suite *tw_staggered_suite(void);
#line 41 "chapters/tier8-tests.nw"
Suite *tw_protocol_suite(void);
#line 12 "chapters/tier9-tests.nw"
Suite *tw_stream_suite(void);

#line 14 "chapters/tier2-tests.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 67 "chapters/tier1-tests.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 30 "chapters/tier2-tests.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 69 "chapters/tier3-tests.nw"
srunner_add_suite(sr, tw_future_suite());
#line 107 "chapters/tier4-tests.nw"
srunner_add_suite(sr, tw_task_suite());
#line 16 "chapters/tier5-tests.nw"
srunner_add_suite(sr, tw_executor_suite());
#line 16 "chapters/tier6-tests.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 269 "chapters/tier7-tests.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 1100 "chapters/tier7-tests.nw"
srunner_add_suite(sr, tw_subprocess_suite());
#line 2132 "chapters/tier7-tests.nw"
srunner_add_suite(sr, tw_tls_suite());
#line 3150 "chapters/tier7-tests.nw"
srunner_add_suite(sr, tw_staggered_suite());
#line 44 "chapters/tier8-tests.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 15 "chapters/tier9-tests.nw"
srunner_add_suite(sr, tw_stream_suite());
#line 19 "chapters/tier2-tests.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
