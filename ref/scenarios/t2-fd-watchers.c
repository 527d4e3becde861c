#line 1124 "chapters/tier2-examples.nw"
#include <stdio.h>
#include <unistd.h>
#include "tower.h"

static tw_loop *loop;
static int read_end, write_end;

static tw_error *on_writable(void *unused)
{
    (void)unused;
    printf("writer called: the pipe's write end is writable\n");
    printf("remove_writer inside the callback: %s\n",
           tw_bool_str(tw_loop_remove_writer(loop, write_end)));
    tw_loop_stop(loop);
    return NULL;
}

static tw_error *replaced_reader(void *unused)
{
    (void)unused;
    printf("replaced reader called (never)\n");
    return NULL;
}

static tw_error *stop_loop(void *unused)
{
    (void)unused;
    tw_loop_stop(loop);
    return NULL;
}

static tw_error *stop_on_next_turn(void *unused)
{
    (void)unused;
    return tw_call_soon(loop, stop_loop, NULL, NULL);
}

static tw_error *on_readable(void *tag)
{
    char byte;
    if (read(read_end, &byte, 1) != 1)
        return tw_error_new(TW_ERR_OS, "read from the pipe failed");
    printf("reader %s read b'%c'\n", (const char *)tag, byte);
    printf("remove_reader inside the callback: %s\n",
           tw_bool_str(tw_loop_remove_reader(loop, read_end)));
    /* the pipe stays readable; the removed reader must not run */
    if (write(write_end, "y", 1) != 1)
        return tw_error_new(TW_ERR_OS, "write to the pipe failed");
    return tw_call_soon(loop, stop_on_next_turn, NULL, NULL);
}

int main(void)
{
    int fds[2];
    char left[10];
    ssize_t n;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pipe(fds) < 0)
        return 1;
    read_end = fds[0];
    write_end = fds[1];
    loop = tw_loop_new();

    tw_unref(tw_loop_add_writer(loop, write_end, on_writable, NULL));
    tw_unref(tw_loop_run_forever(loop));
    printf("remove_writer again: %s\n", tw_bool_str(tw_loop_remove_writer(loop, write_end)));

    printf("remove_reader before any: %s\n", tw_bool_str(tw_loop_remove_reader(loop, read_end)));
    tw_unref(tw_loop_add_reader(loop, read_end, replaced_reader, NULL));
    tw_unref(tw_loop_add_reader(loop, read_end, on_readable, "second"));
    if (write(write_end, "x", 1) != 1)
        return 1;
    tw_unref(tw_loop_run_forever(loop));
    printf("remove_reader again: %s\n", tw_bool_str(tw_loop_remove_reader(loop, read_end)));
    n = read(read_end, left, sizeof left);
    printf("left in the pipe: b'%.*s'\n", (int)(n > 0 ? n : 0), left);
    tw_loop_free(loop);
    close(read_end);
    close(write_end);
    return 0;
}
