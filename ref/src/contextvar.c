#line 2038 "chapters/tier4-tasks.nw"
/* contextvar.c -- context variables: what a task carries, and to_thread into its thread */
#include "tier4.h"

#line 2048 "chapters/tier4-tasks.nw"
struct tw__vars {
    tw_object obj;                      /* shared: tasks and threads hold it */
    size_t n;
    struct { const tw_contextvar *var; tw_value value; } items[];
};

static void vars_finalize(tw_object *o)
{
    free(o);
}

static void vars_describe(tw_object *o, FILE *out)
{
    fprintf(out, "<context values=%zu>", ((struct tw__vars *)o)->n);
}

static const tw_class vars_class = { vars_finalize, vars_describe, NULL };

struct tw__vars *tw__vars_ref(struct tw__vars *v)
{
    if (v)
        tw__ref(&v->obj);
    return v;
}

void tw__vars_unref(struct tw__vars *v)
{
    if (v)
        tw__unref(&v->obj);
}
#line 2081 "chapters/tier4-tasks.nw"
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
#line 2120 "chapters/tier4-tasks.nw"
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
    v->obj.kind = TW__SHARED;
    v->obj.refs = 1;
    v->obj.cls = &vars_class;
    v->n = i == n ? n + 1 : n;
    if (n)
        memcpy(v->items, old->items, n * sizeof v->items[0]);
    v->items[i].var = var;
    v->items[i].value = value;
    *slot = v;
    tw__vars_unref(old);
}
#line 2162 "chapters/tier4-tasks.nw"
static void ctx_finalize(tw_object *o)
{
    tw_ctx *ctx = (tw_ctx *)o;
    tw__vars_unref(ctx->vars);
    free(ctx);
}

static void ctx_describe(tw_object *o, FILE *out)
{
    const struct tw__vars *v = ((tw_ctx *)o)->vars;
    fprintf(out, "<Context variables=%zu>", v ? v->n : 0);
}

static const tw_class ctx_class = { ctx_finalize, ctx_describe, NULL };

tw_ctx *tw_copy_context(void)
{
    tw_ctx *ctx = tw__alloc(sizeof *ctx);
    ctx->obj.kind = TW__SHARED;
    ctx->obj.refs = 1;
    ctx->obj.cls = &ctx_class;
    ctx->vars = tw__vars_ref(tw__vars_current());
    return ctx;
}

tw_value tw_ctx_get(const tw_ctx *ctx, const tw_contextvar *var)
{
    return value_in(ctx->vars, var);
}

void tw__task_run_in(tw_task *t, tw_ctx *ctx)
{
    struct tw__task_rare *r = tw__task_rare(t);
    tw_ref(ctx);
    tw_unref(r->ctx);
    r->ctx = ctx;
}
