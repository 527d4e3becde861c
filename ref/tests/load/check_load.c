#line 2062 "chapters/tier7-tests.nw"
/* check_load.c -- the runner of the load and fault tests */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#line 1740 "chapters/tier7-tests.nw"
Suite *tw_transport_load_suite(void);
#line 2670 "chapters/tier7-tests.nw"
Suite *tw_tls_load_suite(int *skipped);
#line 416 "chapters/tier8-tests.nw"
Suite *tw_protocol_load_suite(int *skipped);
#line 1447 "chapters/tier9-tests.nw"
Suite *tw_stream_load_suite(int *skipped);

#line 2069 "chapters/tier7-tests.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed, run, skipped = 0;
    
#line 1743 "chapters/tier7-tests.nw"
srunner_add_suite(sr, tw_transport_load_suite());
#line 2673 "chapters/tier7-tests.nw"
srunner_add_suite(sr, tw_tls_load_suite(&skipped));
#line 419 "chapters/tier8-tests.nw"
srunner_add_suite(sr, tw_protocol_load_suite(&skipped));
#line 1450 "chapters/tier9-tests.nw"
srunner_add_suite(sr, tw_stream_load_suite(&skipped));
#line 2074 "chapters/tier7-tests.nw"
    srunner_run_all(sr, CK_NORMAL);
    run = srunner_ntests_run(sr);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    printf("load and fault tests: %d passed, %d failed, %d skipped\n", run - failed, failed,
           skipped);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
