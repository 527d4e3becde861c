#line 374 "chapters/measuring.nw"
#include "bench.h"

int main(void)
{
    printf("idle-memory %.1f bytes/task\n", idle_tasks_run(100000));
    return 0;
}
