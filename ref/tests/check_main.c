#line 4028 "tower.nw"
/* check_main.c -- the runner of the runtime's unit tests */
#include <check.h>
#include <stdlib.h>

#line 4047 "tower.nw"
Suite *tw_loop_suite(void);
#line 11284 "tower.nw"
Suite *tw_sync_suite(void);

#line 4034 "tower.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 4050 "tower.nw"
srunner_add_suite(sr, tw_loop_suite());
#line 11287 "tower.nw"
srunner_add_suite(sr, tw_sync_suite());
#line 4039 "tower.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
