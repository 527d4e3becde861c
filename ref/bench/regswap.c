#line 453 "chapters/measuring.nw"
#include "bench.h"

static volatile long bounces;

#if defined(__x86_64__)
#define SWAPS 20000000
/* regswap(from, to): push the callee-saved registers, save the stack
   pointer in *from, switch to the stack to, pop its registers, return
   on it. */
void regswap(void **from, void *to);
__asm__(".text\n"
        ".globl regswap\n"
        ".type regswap, @function\n"
        "regswap:\n"
        "    pushq %rbp\n    pushq %rbx\n    pushq %r12\n"
        "    pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "    movq %rsp, (%rdi)\n"
        "    movq %rsi, %rsp\n"
        "    popq %r15\n    popq %r14\n    popq %r13\n"
        "    popq %r12\n    popq %rbx\n    popq %rbp\n"
        "    ret\n"
        ".size regswap, .-regswap\n");

static void *main_sp, *coro_sp;

static void bouncer(void)
{
    for (;;) {
        bounces++;
        regswap(&coro_sp, main_sp);
    }
}

static double time_swaps(char *stack, size_t size)
{
    void **sp = (void **)(((uintptr_t)(stack + size)) & ~(uintptr_t)15);
    double start;
    *--sp = NULL;                       /* bouncer's return address: never used */
    *--sp = (void *)(uintptr_t)bouncer; /* where the first swap returns to */
    for (int i = 0; i < 6; i++)
        *--sp = NULL;                   /* its rbp, rbx, r12-r15 */
    coro_sp = sp;
    start = now_seconds();
    for (long i = 0; i < SWAPS / 2; i++)
        regswap(&main_sp, coro_sp);
    return now_seconds() - start;
}
#else
#include <ucontext.h>
#define SWAPS 2000000

static ucontext_t main_ctx, coro_ctx;

static void bouncer(void)
{
    for (;;) {
        bounces++;
        swapcontext(&coro_ctx, &main_ctx);
    }
}

static double time_swaps(char *stack, size_t size)
{
    double start;
    getcontext(&coro_ctx);
    coro_ctx.uc_stack.ss_sp = stack;
    coro_ctx.uc_stack.ss_size = size;
    makecontext(&coro_ctx, bouncer, 0);
    start = now_seconds();
    for (long i = 0; i < SWAPS / 2; i++)
        swapcontext(&main_ctx, &coro_ctx);
    return now_seconds() - start;
}
#endif

int main(void)
{
    enum { STACK = 64 * 1024 };
    char *stack = malloc(STACK);
    double elapsed = time_swaps(stack, STACK);
    free(stack);
    if (bounces != SWAPS / 2)
        return 1;
    printf("regswap %.2f ns/swap\n", elapsed * 1e9 / SWAPS);
    return 0;
}
