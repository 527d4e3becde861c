#line 4031 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 4050 "tower.nw"
Suite *tw_loop_suite(void);
#line 11602 "tower.nw"
Suite *tw_transport_suite(void);
#line 15023 "tower.nw"
Suite *tw_protocol_suite(void);

#line 4037 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 4053 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 11605 "tower.nw"
srunner_add_suite(sr, tw_transport_suite());
#line 15026 "tower.nw"
srunner_add_suite(sr, tw_protocol_suite());
#line 4042 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
