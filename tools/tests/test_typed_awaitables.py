"""TW_AWAIT is checked by the compiler: what is not awaitable does not compile.

Each case compiles a tiny coroutine against ref/include with -fsyntax-only:
the awaitables the runtime returns (a coroutine, a future, a task, a
program's frame as &f->co) compile; a loop, a lock, a transport, a bare
void * (what tw_coro_new returns) are compile errors, each naming the
_Generic selection of TW_AWAITABLE.
"""

import pytest
from conftest import assert_refused_by_generic

PRELUDE = """\
#include "tower.h"

static tw_loop *loop;
static tw_lock *lock;
static tw_transport *transport;
static tw_stream_writer *writer;

struct frame { tw_coro co; int n; };

static tw_step nothing_body(tw_coro *co)
{
    TW_BEGIN(co);
    TW_END(co);
}

static tw_step body(tw_coro *co)
{
    struct frame *f = (struct frame *)co;
    (void)f; (void)loop; (void)lock; (void)transport; (void)writer;
    TW_BEGIN(co);
    %s
    TW_END(co);
}

int main(void) { return 0; }
"""


def compile_await(statement, syntax_check):
    return syntax_check(PRELUDE % statement, "await.c")


@pytest.mark.parametrize("statement", [
    "TW_AWAIT(co, tw_sleep(0));",
    "TW_AWAIT(co, tw_coro_call(nothing_body));",
    "TW_AWAIT(co, &((struct frame *)tw_coro_new(nothing_body, sizeof *f))->co);",
    "TW_AWAIT(co, tw_lock_acquire(lock));",
    "TW_AWAIT(co, tw_future_new(loop));",
    "TW_AWAIT(co, tw_create_task(tw_sleep(0), NULL));",
    "TW_AWAIT(co, tw_stream_writer_drain(writer));",
    "TW_AWAIT(co, tw_stream_writer_wait_closed(writer));",
    "TW_AWAIT(co, tw_wait_for(tw_sleep(1), 0.5));",
    "TW_AWAIT_TRY(co, tw_to_thread(NULL, NULL));",
])
def test_awaitables_compile(statement, syntax_check):
    result = compile_await(statement, syntax_check)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("statement", [
    "TW_AWAIT(co, loop);",
    "TW_AWAIT(co, lock);",
    "TW_AWAIT(co, transport);",
    "TW_AWAIT(co, writer);",
    "TW_AWAIT(co, tw_coro_new(nothing_body, sizeof(tw_coro)));",
    "TW_AWAIT(co, (void *)tw_sleep(0));",
    "TW_AWAIT(co, f);",
    "TW_AWAIT(co, tw_wait_for(loop, 0.5));",
])
def test_anything_else_is_a_compile_error(statement, syntax_check):
    assert_refused_by_generic(compile_await(statement, syntax_check), statement)
