#line 4550 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 1922 "tower.nw"
Suite *tw_coro_suite(void);
#line 4569 "tower.nw"
Suite *tw_loop_suite(void);
#line 6192 "tower.nw"
Suite *tw_future_suite(void);
#line 10091 "tower.nw"
Suite *tw_task_suite(void);
#line 14323 "tower.nw"
Suite *tw_sync_suite(void);
#line 18453 "tower.nw"
Suite *tw_transport_suite(void);
#line 21899 "tower.nw"
Suite *tw_protocol_suite(void);
#line 25718 "tower.nw"
Suite *tw_stream_suite(void);

#line 4556 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 1925 "tower.nw"
srunner_add_suite(sr, tw_coro_suite());
#line 4572 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 6195 "tower.nw"
srunner_add_suite(sr, tw_future_suite());
#line 10094 "tower.nw"
srunner_add_suite(sr, tw_task_suite());
#line 14326 "tower.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 18456 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 21902 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 25721 "tower.nw"
srunner_add_suite(sr, tw_stream_suite());
#line 4561 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
