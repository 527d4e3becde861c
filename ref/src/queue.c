#line 1437 "chapters/tier6-queues.nw"
/* queue.c -- FIFO, LIFO and priority queues */
#include "tier6.h"

#line 1450 "chapters/tier6-queues.nw"
static tw_error queue_empty = TW__STATIC_ERROR(TW_ERR_QUEUE_EMPTY, "QueueEmpty", NULL);
static tw_error queue_full = TW__STATIC_ERROR(TW_ERR_QUEUE_FULL, "QueueFull", NULL);
static tw_error too_many_task_done =
    TW__STATIC_ERROR(TW_ERR_VALUE, "ValueError", "task_done() called too many times");
#line 1457 "chapters/tier6-queues.nw"
static void spare_free(struct queue_op_frame *f);

static void queue_finalize(void *queue)
{
    tw_queue *q = queue;
    free(q->items);
    tw_unref(q->finished);
    spare_free(q->spare[false]);
    spare_free(q->spare[true]);
}

static const tw__sync_class queue_classes[] = {
    [TW__FIFO] = { "asyncio.queues.Queue", queue_finalize },
    [TW__LIFO] = { "asyncio.queues.LifoQueue", queue_finalize },
    [TW__PRIORITY] = { "asyncio.queues.PriorityQueue", queue_finalize },
};

static tw_queue *queue_make(int order, long maxsize)
{
    tw_queue *q = tw__sync_alloc(sizeof *q, &queue_classes[order]);
    q->order = order;
    q->maxsize = maxsize;
    q->finished = tw_event_new();
    tw_event_set(q->finished);
    return q;
}

tw_queue *tw_queue_new(long maxsize) { return queue_make(TW__FIFO, maxsize); }
tw_queue *tw_lifo_queue_new(long maxsize) { return queue_make(TW__LIFO, maxsize); }

tw_queue *tw_priority_queue_new(long maxsize, tw_less_fn less, void *arg)
{
    tw_queue *q = queue_make(TW__PRIORITY, maxsize);
    q->less = less;
    q->less_arg = arg;
    return q;
}

long tw_queue_maxsize(const tw_queue *q) { return q->maxsize; }
size_t tw_queue_qsize(const tw_queue *q) { return q->len; }
bool tw_queue_empty(const tw_queue *q) { return q->len == 0; }

bool tw_queue_full(const tw_queue *q)
{
    return q->maxsize > 0 && q->len >= (size_t)q->maxsize;
}
#line 1515 "chapters/tier6-queues.nw"
static void store_grow(tw_queue *q)
{
    size_t cap = q->cap ? 2 * q->cap : 16;
    tw_value *items = tw__alloc(cap * sizeof *items);
    for (size_t i = 0; i < q->len; i++)
        items[i] = q->items[(q->head + i) & (q->cap - 1)];
    free(q->items);
    q->items = items;
    q->cap = cap;
    q->head = 0;
}
#line 1537 "chapters/tier6-queues.nw"
static bool item_less(const tw_queue *q, tw_value a, tw_value b)
{
    return q->less ? q->less(a, b, q->less_arg) : a.i < b.i;
}

static void heap_sift_toward_root(tw_queue *q, size_t start, size_t pos)
{
    tw_value *h = q->items;
    tw_value item = h[pos];
    while (pos > start) {
        size_t parent = (pos - 1) >> 1;
        if (!item_less(q, item, h[parent]))
            break;
        h[pos] = h[parent];
        pos = parent;
    }
    h[pos] = item;
}

static void heap_sift_from_root(tw_queue *q)
{
    tw_value *h = q->items;
    size_t end = q->len, pos = 0, child = 1;
    tw_value item = h[0];
    while (child < end) {
        size_t right = child + 1;
        if (right < end && !item_less(q, h[child], h[right]))
            child = right;
        h[pos] = h[child];
        pos = child;
        child = 2 * pos + 1;
    }
    h[pos] = item;
    heap_sift_toward_root(q, 0, pos);
}

static void store_put(tw_queue *q, tw_value item)
{
    if (q->len == q->cap)
        store_grow(q);
    if (q->order == TW__FIFO) {
        q->items[(q->head + q->len++) & (q->cap - 1)] = item;
        return;
    }
    q->items[q->len++] = item;
    if (q->order == TW__PRIORITY)
        heap_sift_toward_root(q, 0, q->len - 1);
}

static tw_value store_get(tw_queue *q)
{
    tw_value item;
    switch (q->order) {
    case TW__FIFO:
        item = q->items[q->head];
        q->head = (q->head + 1) & (q->cap - 1);
        q->len--;
        return item;
    case TW__LIFO:
        return q->items[--q->len];
    default:
        item = q->items[0];
        q->items[0] = q->items[--q->len];
        if (q->len > 0)
            heap_sift_from_root(q);
        return item;
    }
}
#line 1613 "chapters/tier6-queues.nw"
static void wakeup_next(tw__waitlist *waiters)
{
    tw__waiter *w;
    while ((w = tw__waitlist_pop(waiters)) != NULL)
        if (!tw_future_done(w->fut)) {
            tw_future_set_result(w->fut, TW_NONE);
            break;
        }
}
#line 1625 "chapters/tier6-queues.nw"
tw_error *tw_queue_put_nowait(tw_queue *q, tw_value item)
{
    if (tw_queue_full(q))
        return &queue_full;
    store_put(q, item);
    q->unfinished++;
    tw_event_clear(q->finished);
    wakeup_next(&q->getters);
    return NULL;
}

tw_error *tw_queue_get_nowait(tw_queue *q, tw_value *item)
{
    if (q->len == 0)
        return &queue_empty;
    *item = store_get(q);
    wakeup_next(&q->putters);
    return NULL;
}
#line 1657 "chapters/tier6-queues.nw"
struct queue_op_frame {
    struct tw__sync_frame s;
    bool put;
    tw_value item;
};

static bool queue_must_wait(const tw_queue *q, bool put)
{
    return put ? tw_queue_full(q) : q->len == 0;
}

static tw_step queue_op_body(tw_coro *co)
{
    struct queue_op_frame *f = (struct queue_op_frame *)co;
    tw_queue *q = f->s.owner;
    tw_error *err;
    TW_BEGIN(co);
    while (queue_must_wait(q, f->put)) {
        if ((err = tw__sync_wait_begin(&f->s, f->put ? &q->putters : &q->getters)) != NULL)
            TW_RAISE(co, err);
        TW_AWAIT_TRY(co, tw_ref(f->s.w.fut));
        if (TW_ERROR(co)) {
            tw_future_cancel(f->s.w.fut, NULL);
            tw__waitlist_remove(f->s.list, &f->s.w);
            if (!queue_must_wait(q, f->put) && !tw_future_cancelled(f->s.w.fut))
                wakeup_next(f->s.list);
            TW_RERAISE(co);
        }
    }
    if (f->put) {
        tw_queue_put_nowait(q, f->item);
        TW_RETURN(co, TW_NONE);
    }
    tw_queue_get_nowait(q, &f->item);
    TW_RETURN(co, f->item);
    TW_END(co);
}
#line 1725 "chapters/tier6-queues.nw"
static int queue_op_await(tw_object *o, tw_coro *awaiter)
{
    struct queue_op_frame *f = (struct queue_op_frame *)o;
    tw_queue *q = f->s.owner;
    if (f->s.co.state != CORO_CREATED || queue_must_wait(q, f->put))
        return tw__coro_await(o, awaiter);
    if (f->put)
        tw_queue_put_nowait(q, f->item);
    else
        tw_queue_get_nowait(q, &awaiter->got);
    f->s.co.state = CORO_DONE;
    if (TW__POOL_ON && f->s.co.obj.refs == 1 && q->spare[f->put] == NULL) {
        q->spare[f->put] = f;       /* the awaiter's reference was the last */
        f->s.owner = NULL;
        tw_unref(q);                /* the frame's; the queue now owns the frame */
    } else
        tw_unref(&f->s.co);         /* the awaiter's reference, consumed */
    return 0;
}

static void spare_free(struct queue_op_frame *f)
{
    if (f != NULL) {
        f->s.co.obj.refs = 1;       /* its owner is NULL: it holds no queue */
        tw_unref(&f->s.co);
    }
}

static const tw_class queue_op_class = { tw__coro_finalize, tw__coro_describe, queue_op_await };

static tw_coro *queue_op(tw_queue *q, bool put, tw_value item)
{
    struct queue_op_frame *f = q->spare[put];
    if (f != NULL) {
        q->spare[put] = NULL;
        f->s.co.obj.refs = 1;
        f->s.co.state = CORO_CREATED;
        f->s.owner = tw_ref(q);
    } else {
        f = tw__sync_frame_new(queue_op_body, sizeof *f, q);
        f->s.co.obj.cls = &queue_op_class;
        f->put = put;
    }
    f->item = item;
    return &f->s.co;
}

tw_coro *tw_queue_put(tw_queue *q, tw_value item) { return queue_op(q, true, item); }
tw_coro *tw_queue_get(tw_queue *q) { return queue_op(q, false, TW_NONE); }
#line 1777 "chapters/tier6-queues.nw"
tw_error *tw_queue_task_done(tw_queue *q)
{
    if (q->unfinished == 0)
        return &too_many_task_done;
    if (--q->unfinished == 0)
        tw_event_set(q->finished);
    return NULL;
}

static tw_step queue_join_body(tw_coro *co)
{
    struct tw__sync_frame *f = (struct tw__sync_frame *)co;
    tw_queue *q = f->owner;
    TW_BEGIN(co);
    if (q->unfinished > 0)
        TW_AWAIT(co, tw_event_wait(q->finished));
    TW_END(co);
}

tw_coro *tw_queue_join(tw_queue *q)
{
    return tw__sync_frame_new(queue_join_body, sizeof(struct tw__sync_frame), q);
}
