#line 2689 "chapters/tier7-examples.nw"
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

struct main_frame {
    tw_coro co;
    tw_task *task;
};

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    char buf[TW_ADDRSTRLEN];
    TW_BEGIN(co);
    f->task = tw_create_task(tw_getaddrinfo(loop, "localhost", 80, AF_INET, SOCK_STREAM, 0, 0),
                             NULL);
    TW_AWAIT(co, tw_sleep(0));
    printf("cancel requested: %s\n", tw_bool_str(tw_task_cancel(f->task, NULL)));
    TW_AWAIT_TRY(co, tw_ref(f->task));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "the cancelled lookup was not cancelled"));
    printf("the lookup's task is cancelled: %s\n",
           tw_bool_str(tw_future_cancelled(tw_task_future(f->task))));
    tw_unref(f->task);
    TW_AWAIT(co, tw_getaddrinfo(loop, "localhost", 80, AF_INET, SOCK_STREAM, 0, 0));
    {
        tw_addrinfo_list *list = TW_RESULT(co).p;
        printf("the next lookup works: %s\n", tw_sockaddr_str(&list->ai[0].addr, buf));
        free(list);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
