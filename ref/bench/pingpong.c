#line 185 "chapters/measuring.nw"
#include "bench.h"
#define PING_PONG_ROUNDS 200000

static tw_future *box[2];
enum { A, B };

static void box_put(int who, tw_future *f)
{
    tw_unref(box[who]);
    box[who] = f;
}

struct player { tw_coro co; int me, other; bool serve; int round; };

static tw_step player(tw_coro *co)
{
    struct player *p = (struct player *)co;
    tw_loop *L = tw_get_running_loop();
    TW_BEGIN(co);
    for (p->round = 0; p->round < PING_PONG_ROUNDS; p->round++) {
        if (p->serve) {
            tw_future_set_result(box[p->other], TW_NONE);
            box_put(p->me, tw_future_new(L));
            TW_AWAIT(co, tw_ref(box[p->me]));
        } else {
            box_put(p->me, tw_future_new(L));
            TW_AWAIT(co, tw_ref(box[p->me]));
            tw_future_set_result(box[p->other], TW_NONE);
        }
    }
    TW_END(co);
}

static struct player *new_player(int me, int other, bool serve)
{
    struct player *p = tw_coro_new(player, sizeof *p);
    p->me = me;
    p->other = other;
    p->serve = serve;
    return p;
}

struct ping_pong_frame { tw_coro co; double start; tw_task *ponger; };

static tw_step ping_pong(tw_coro *co)
{
    struct ping_pong_frame *f = (struct ping_pong_frame *)co;
    tw_loop *L = tw_get_running_loop();
    TW_BEGIN(co);
    f->start = now_seconds();
    box_put(B, tw_future_new(L));
    f->ponger = tw_create_task(&new_player(B, A, false)->co, NULL);
    TW_AWAIT(co, tw_sleep(0));
    box_put(A, tw_future_new(L));
    {
        void *both[2] = { new_player(A, B, true), f->ponger };
        TW_AWAIT(co, tw_gather(2, both, false));
    }
    printf("pingpong %.1f round-trips/s\n", PING_PONG_ROUNDS / (now_seconds() - f->start));
    box_put(A, NULL);
    box_put(B, NULL);
    TW_END(co);
}

int main(void)
{
    run_benchmark(ping_pong, sizeof(struct ping_pong_frame));
    return 0;
}
