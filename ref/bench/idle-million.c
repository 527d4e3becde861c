#line 390 "chapters/measuring.nw"
#include "bench.h"
#include <sys/resource.h>

int main(void)
{
    struct rusage ru;
    idle_tasks_run(1000000);
    getrusage(RUSAGE_SELF, &ru);
    printf("idle-million %.1f MiB-peak\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}
