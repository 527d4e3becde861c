#line 27335 "tower.nw"
/* check_load.c -- the runner of the load and fault tests */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#line 27013 "tower.nw"
Suite *tw_transport_load_suite(void);
#line 30925 "tower.nw"
Suite *tw_protocol_load_suite(int *skipped);
#line 36194 "tower.nw"
Suite *tw_stream_load_suite(int *skipped);

#line 27342 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed, run, skipped = 0;
    
#line 27016 "tower.nw"
srunner_add_suite(sr, tw_transport_load_suite());
#line 30928 "tower.nw"
srunner_add_suite(sr, tw_protocol_load_suite(&skipped));
#line 36197 "tower.nw"
srunner_add_suite(sr, tw_stream_load_suite(&skipped));
#line 27347 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    run = srunner_ntests_run(sr);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    printf("load and fault tests: %d passed, %d failed, %d skipped\n", run - failed, failed,
           skipped);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
