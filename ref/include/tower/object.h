#line 165 "chapters/tier1-coroutines.nw"
/* tower/object.h -- the header every object starts with, its class, and
   tw_ref/tw_unref (see the book, tier 1) */
#ifndef TOWER_OBJECT_H
#define TOWER_OBJECT_H
#include <stdint.h>
#include <stdio.h>

#line 180 "chapters/tier1-coroutines.nw"
typedef enum tw_kind {
    TW_KIND_OBJECT = 0,         /* not awaitable as one of the kinds below */
    TW_KIND_CORO,
    TW_KIND_FUTURE,
    TW_KIND_TASK,
    TW_KIND_YIELD
} tw_kind;
#define TW__SHARED 0x80000000u  /* in kind: counted atomically, may cross threads */

typedef struct tw_coro tw_coro;
typedef struct tw_class tw_class;

typedef struct tw_object {
    uint32_t kind;
    int32_t refs;               /* < 0: static and immortal */
    const tw_class *cls;
} tw_object;

struct tw_class {
    void (*finalize)(tw_object *o);
    void (*describe)(tw_object *o, FILE *out);
    int (*await)(tw_object *o, tw_coro *co);
};
#line 245 "chapters/tier1-coroutines.nw"
static inline void tw_object_init(tw_object *o, const tw_class *cls, uint32_t kind)
{
    o->kind = kind;
    o->refs = 1;
    o->cls = cls;
}
#line 275 "chapters/tier1-coroutines.nw"
typedef struct tw_error tw_error;
typedef struct tw_awaitable tw_awaitable;

tw_object *tw__ref(tw_object *o);
void tw__unref(tw_object *o);

#define TW__AS_OBJECT(x) ((tw_object *)(void *)(x))
#define TW__REF_CASE(T, x) , T *: (T *)(void *)tw__ref(TW__AS_OBJECT(x))
#define TW__UNREF_CASE(T, x) , T *: TW__AS_OBJECT(x)

#define tw_ref(x) _Generic((x),                                         \
        tw_object *: tw__ref(TW__AS_OBJECT(x))                          \
        TW__KINDS(TW__REF_CASE, x))
#define tw_unref(x) tw__unref(_Generic((x),                             \
        tw_object *: TW__AS_OBJECT(x)                                   \
        TW__KINDS(TW__UNREF_CASE, x)))
#line 310 "chapters/tier1-coroutines.nw"
#define TW__KINDS(F, x) F(tw_coro, x) F(tw_awaitable, x) F(tw_error, x)   \
        TW__KINDS_2(F, x) TW__KINDS_3(F, x) TW__KINDS_4(F, x)           \
        TW__KINDS_5(F, x) TW__KINDS_6(F, x) TW__KINDS_7(F, x)           \
        TW__KINDS_8(F, x) TW__KINDS_9(F, x)
#define TW__KINDS_2(F, x)
#define TW__KINDS_3(F, x)
#define TW__KINDS_4(F, x)
#define TW__KINDS_5(F, x)
#define TW__KINDS_6(F, x)
#define TW__KINDS_7(F, x)
#define TW__KINDS_8(F, x)
#define TW__KINDS_9(F, x)
#line 176 "chapters/tier1-coroutines.nw"
#endif
