#line 1874 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct main_frame { tw_coro co; tw_semaphore *sem, *bounded; bool first; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_semaphore *none;
    tw_error *err;
    TW_BEGIN(co);
    err = tw_semaphore_new(-1, &none);
    if (tw_error_is(err, TW_ERR_VALUE))
        printf("Semaphore(-1): ValueError\n");
    tw_unref(err);
    tw_unref(tw_semaphore_new(0, &f->sem));
    printf("Semaphore(0) locked: %s\n", tw_bool_str(tw_semaphore_locked(f->sem)));
    tw_semaphore_release(f->sem);
    tw_semaphore_release(f->sem);       /* a plain Semaphore may be released more often than acquired */
    printf("after two releases locked: %s\n", tw_bool_str(tw_semaphore_locked(f->sem)));
    TW_AWAIT(co, tw_semaphore_acquire(f->sem));
    f->first = TW_RESULT(co).i == 1;
    TW_AWAIT(co, tw_semaphore_acquire(f->sem));
    printf("acquire: %s acquire: %s\n",
           tw_bool_str(f->first), tw_bool_str(TW_RESULT(co).i == 1));
    printf("locked: %s\n", tw_bool_str(tw_semaphore_locked(f->sem)));

    tw_unref(tw_bounded_semaphore_new(2, &f->bounded));
    TW_AWAIT(co, tw_semaphore_acquire(f->bounded));
    tw_semaphore_release(f->bounded);
    printf("balanced release: ok\n");
    err = tw_semaphore_release(f->bounded);
    if (tw_error_is(err, TW_ERR_VALUE))
        printf("BoundedSemaphore released too often: ValueError\n");
    tw_unref(err);
    printf("bounded locked: %s\n", tw_bool_str(tw_semaphore_locked(f->bounded)));
    TW_AWAIT(co, tw_semaphore_acquire(f->bounded));
    TW_AWAIT(co, tw_semaphore_acquire(f->bounded));
    printf("bounded after two acquires locked: %s\n",
           tw_bool_str(tw_semaphore_locked(f->bounded)));
    tw_unref(f->sem);
    tw_unref(f->bounded);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
