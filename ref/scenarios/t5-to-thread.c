#line 1953 "chapters/tier5-examples.nw"
#include <pthread.h>
#include <stdio.h>
#include "tower.h"

struct join_args { const char *a, *b, *sep; char text[64]; pthread_t thread; };

static tw_error *join(void *arg, tw_value *result)
{
    struct join_args *j = arg;
    snprintf(j->text, sizeof j->text, "%s%s%s", j->a, j->sep, j->b);
    j->thread = pthread_self();
    *result = TW_STR(j->text);
    return NULL;
}

static tw_error *fail(void *code, tw_value *result)
{
    (void)result;
    return tw_error_new(TW_ERR_KEY, "%s", (const char *)code);
}

struct main_frame { tw_coro co; struct join_args args; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    TW_BEGIN(co);
    f->args.a = "left";
    f->args.b = "right";
    f->args.sep = "+";
    TW_AWAIT(co, tw_to_thread(join, &f->args));
    printf("result: %s\n", TW_RESULT(co).s);
    printf("ran on the loop thread: %s\n",
           tw_bool_str(pthread_equal(f->args.thread, pthread_self())));
    TW_AWAIT_TRY(co, tw_to_thread(fail, "missing"));
    if (!tw_error_is(TW_ERROR(co), TW_ERR_KEY))
        TW_RERAISE(co);
    printf("raised: %s %s\n", tw_error_type(TW_ERROR(co)), tw_error_message(TW_ERROR(co)));
    TW_CLEAR(co);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
