#line 1439 "chapters/tier2-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

static tw_error *never(void *unused)
{
    (void)unused;
    printf("never\n");
    return NULL;
}

static const char *errno_name(int errnum)
{
    return errnum == EBADF ? "EBADF" : errnum == EPERM ? "EPERM" : "another errno";
}

static void report(const char *what, tw_error *err)
{
    if (err == NULL)
        printf("%s: accepted\n", what);
    else if (tw_error_is(err, TW_ERR_OS))
        printf("%s: %s %s\n", what, tw_error_type(err), errno_name(tw_os_error_errno(err)));
    else
        printf("%s: %s: %s\n", what, tw_error_type(err), tw_error_message(err));
    tw_unref(err);
}

int main(void)
{
    tw_loop *loop = tw_loop_new();
    int fds[2];
    FILE *file;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pipe(fds) < 0 || (file = tmpfile()) == NULL)
        return 1;
    close(fds[0]);
    report("add_reader on a closed descriptor", tw_loop_add_reader(loop, fds[0], never, NULL));
    printf("remove_reader of it: %s\n", tw_bool_str(tw_loop_remove_reader(loop, fds[0])));
    report("add_writer on a regular file", tw_loop_add_writer(loop, fileno(file), never, NULL));
    printf("remove_writer of it: %s\n",
           tw_bool_str(tw_loop_remove_writer(loop, fileno(file))));
    fclose(file);
    report("add_reader(-1)", tw_loop_add_reader(loop, -1, never, NULL));
    tw_unref(tw_loop_add_writer(loop, fds[1], never, NULL));
    tw_unref(tw_loop_close(loop));
    report("add_writer on a closed loop", tw_loop_add_writer(loop, fds[1], never, NULL));
    printf("remove_writer on a closed loop: %s\n",
           tw_bool_str(tw_loop_remove_writer(loop, fds[1])));
    tw_loop_free(loop);
    close(fds[1]);
    return 0;
}
