#line 1900 "chapters/tier4-tasks.nw"
/* contextvar.c -- context variables: what a task carries, and to_thread into its thread */
#include "tier4.h"

#line 1910 "chapters/tier4-tasks.nw"
struct tw__vars {
    atomic_int refs;
    size_t n;
    struct { const tw_contextvar *var; tw_value value; } items[];
};

struct tw__vars *tw__vars_ref(struct tw__vars *v)
{
    if (v)
        atomic_fetch_add_explicit(&v->refs, 1, memory_order_relaxed);
    return v;
}

void tw__vars_unref(struct tw__vars *v)
{
    if (v && atomic_fetch_sub_explicit(&v->refs, 1, memory_order_acq_rel) == 1)
        free(v);
}
#line 1931 "chapters/tier4-tasks.nw"
static _Thread_local struct tw__vars *thread_vars;
_Thread_local struct tw__vars **tw__vars_slot;

static struct tw__vars **current_slot(void)
{
    return tw__vars_slot ? tw__vars_slot : &thread_vars;
}

struct tw__vars *tw__vars_current(void)
{
    return *current_slot();
}

void tw__vars_thread_exit(void)
{
    tw__vars_unref(thread_vars);
    thread_vars = NULL;
}
#line 1970 "chapters/tier4-tasks.nw"
static tw_value value_in(const struct tw__vars *v, const tw_contextvar *var)
{
    for (size_t i = 0; v && i < v->n; i++)
        if (v->items[i].var == var)
            return v->items[i].value;
    return var->default_value;
}

tw_value tw_contextvar_get(const tw_contextvar *var)
{
    return value_in(*current_slot(), var);
}

void tw_contextvar_set(const tw_contextvar *var, tw_value value)
{
    struct tw__vars **slot = current_slot(), *old = *slot, *v;
    size_t n = old ? old->n : 0, i = 0;
    while (i < n && old->items[i].var != var)
        i++;
    v = tw__alloc(sizeof *v + (i == n ? n + 1 : n) * sizeof v->items[0]);
    atomic_init(&v->refs, 1);
    v->n = i == n ? n + 1 : n;
    if (n)
        memcpy(v->items, old->items, n * sizeof v->items[0]);
    v->items[i].var = var;
    v->items[i].value = value;
    *slot = v;
    tw__vars_unref(old);
}
#line 2010 "chapters/tier4-tasks.nw"
tw_ctx *tw_copy_context(void)
{
    tw_ctx *ctx = tw__alloc(sizeof *ctx);
    atomic_init(&ctx->refs, 1);
    ctx->vars = tw__vars_ref(tw__vars_current());
    return ctx;
}

tw_value tw_ctx_get(const tw_ctx *ctx, const tw_contextvar *var)
{
    return value_in(ctx->vars, var);
}

void tw_ctx_unref(tw_ctx *ctx)
{
    if (ctx && atomic_fetch_sub_explicit(&ctx->refs, 1, memory_order_acq_rel) == 1) {
        tw__vars_unref(ctx->vars);
        free(ctx);
    }
}

void tw__task_run_in(tw_task *t, tw_ctx *ctx)
{
    atomic_fetch_add_explicit(&ctx->refs, 1, memory_order_relaxed);
    tw_ctx_unref(t->ctx);
    t->ctx = ctx;
}
