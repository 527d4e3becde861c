#line 864 "chapters/tier6-examples.nw"
#include <stdio.h>
#include "tower.h"

struct block { tw_coro co; tw_lock *lock; };

static tw_step block_body(tw_coro *co)
{
    struct block *f = (struct block *)co;
    TW_BEGIN(co);
    printf("inside: locked %s\n", tw_bool_str(tw_lock_locked(f->lock)));
    TW_RAISE(co, tw_error_new(TW_ERR_KEY, "boom"));
    TW_END(co);
}

struct main_frame { tw_coro co; tw_lock *lock; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    struct block *b;
    tw_error *err;
    TW_BEGIN(co);
    f->lock = tw_lock_new();
    err = tw_lock_release(f->lock);
    if (tw_error_is(err, TW_ERR_RUNTIME))
        printf("release of an unlocked lock: RuntimeError\n");
    tw_unref(err);
    TW_AWAIT(co, tw_lock_acquire(f->lock));     /* async with lock: */
    b = tw_coro_new(block_body, sizeof *b);
    b->lock = f->lock;
    TW_AWAIT_TRY(co, &b->co);
    tw_lock_release(f->lock);                   /* the exit of the block */
    if (tw_error_is(TW_ERROR(co), TW_ERR_KEY))
        printf("after an exception in the block: locked %s\n",
               tw_bool_str(tw_lock_locked(f->lock)));
    else if (TW_ERROR(co))
        TW_RERAISE(co);
    TW_AWAIT(co, tw_lock_acquire(f->lock));
    printf("acquire returns: %s\n", tw_bool_str(TW_RESULT(co).i == 1));
    tw_lock_release(f->lock);
    tw_unref(f->lock);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
