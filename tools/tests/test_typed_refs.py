"""tw_ref and tw_unref are checked by the compiler: one pair for every kind.

Each case compiles a tiny function against ref/include with -fsyntax-only.
Every kind of object the runtime counts (a coroutine, an error, a future,
a context object, a task, an as_completed, a task group, a concurrent
future, a lock, a queue, a transport, a protocol, an SSL context, a server,
a stream reader and writer, a process, a bare object header) is accepted, and tw_ref gives back the type it was given; a loop,
an executor, bytes, a void * are compile errors naming the _Generic
selection, and so is keeping tw_ref's result in a pointer of another kind.
A program that includes one tier's header alone can count that tier's
kinds: each header fills its tier's slot of the list.
"""

import pytest
from conftest import assert_refused_by_generic

PRELUDE = """\
#include "%s"

void use(tw_loop *loop, tw_executor *executor, tw_bytes *bytes, void *untyped,
         tw_coro *coro, tw_error *error, tw_future *future, tw_task *task,
         tw_as_completed *ac, tw_taskgroup *group, tw_lock *lock, tw_queue *queue,
         tw_transport *transport, tw_protocol *protocol, tw_server *server,
         tw_stream_reader *reader, tw_stream_writer *writer, tw_process *process,
         tw_ctx *ctx, tw_cfuture *cfuture, tw_ssl_context *sslcontext,
         tw_object *object);

void use(tw_loop *loop, tw_executor *executor, tw_bytes *bytes, void *untyped,
         tw_coro *coro, tw_error *error, tw_future *future, tw_task *task,
         tw_as_completed *ac, tw_taskgroup *group, tw_lock *lock, tw_queue *queue,
         tw_transport *transport, tw_protocol *protocol, tw_server *server,
         tw_stream_reader *reader, tw_stream_writer *writer, tw_process *process,
         tw_ctx *ctx, tw_cfuture *cfuture, tw_ssl_context *sslcontext,
         tw_object *object)
{
    (void)loop; (void)executor; (void)bytes; (void)untyped; (void)coro; (void)error;
    (void)future; (void)task; (void)ac; (void)group; (void)lock; (void)queue;
    (void)transport; (void)protocol; (void)server; (void)reader; (void)writer;
    (void)process; (void)ctx; (void)cfuture; (void)sslcontext; (void)object;
    %s
}
"""


def compile_use(statement, syntax_check):
    return syntax_check(PRELUDE % ("tower.h", statement), "refs.c")


KINDS = ["coro", "error", "future", "task", "ac", "group", "lock", "queue",
         "transport", "protocol", "server", "reader", "writer", "process", "ctx",
         "cfuture", "sslcontext", "object"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_counted_with_its_type(kind, syntax_check):
    statement = (f"__typeof__({kind}) again = tw_ref({kind});\n"
                 f"    _Static_assert(_Generic(tw_ref({kind}), __typeof__({kind}): 1, default: 0),"
                 f" \"tw_ref keeps the type\");\n"
                 f"    tw_unref(again);\n    tw_unref({kind});")
    result = compile_use(statement, syntax_check)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("statement", [
    "tw_unref(loop);",
    "tw_ref(loop);",
    "tw_unref(executor);",
    "tw_unref(bytes);",
    "tw_unref(untyped);",
    "tw_unref((void *)transport);",
    "tw_ref(untyped);",
])
def test_anything_else_is_a_compile_error(statement, syntax_check):
    assert_refused_by_generic(compile_use(statement, syntax_check), statement)


def test_the_result_keeps_its_kind(syntax_check):
    result = compile_use("tw_lock *wrong = tw_ref(transport); (void)wrong;", syntax_check)
    assert result.returncode != 0, "a transport's reference was kept as a lock"
    assert "incompatible pointer type" in result.stderr, result.stderr


@pytest.mark.parametrize("header, kinds", [
    ("tower/error.h", ["tw_coro", "tw_error", "tw_object"]),
    ("tower/contextvar.h", ["tw_error", "tw_ctx"]),
    ("tower/executor.h", ["tw_ctx", "tw_task", "tw_cfuture"]),
    ("tower/tls.h", ["tw_cfuture", "tw_transport", "tw_protocol", "tw_ssl_context"]),
    ("tower/transport.h", ["tw_future", "tw_task", "tw_transport", "tw_protocol"]),
    ("tower/queue.h", ["tw_lock", "tw_barrier", "tw_queue"]),
    ("tower/process.h", ["tw_server", "tw_stream_reader", "tw_stream_writer", "tw_process"]),
])
def test_a_header_alone_registers_its_kinds(header, kinds, syntax_check):
    params = ", ".join(f"{kind} *x{i}" for i, kind in enumerate(kinds))
    body = " ".join(f"tw_unref(tw_ref(x{i}));" for i in range(len(kinds)))
    result = syntax_check(f'#include "{header}"\n'
                          f"void use({params});\n"
                          f"void use({params}) {{ {body} }}\n", "alone.c")
    assert result.returncode == 0, result.stderr
