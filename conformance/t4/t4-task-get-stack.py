import asyncio
import io


def printed(task, limit=None):
    """print_stack's header up to the task, and the function of each frame line."""
    out = io.StringIO()
    task.print_stack(limit=limit, file=out)
    lines = out.getvalue().splitlines()
    names = [line.rsplit(", in ", 1)[1] for line in lines[1:] if line.startswith("  File ")]
    return f"{lines[0].split(' <')[0]!r} then frames {names}"


async def waiter(fut):
    return await fut


async def main():
    fut = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(waiter(fut), name="waiter-task")
    stack = task.get_stack()
    start = stack[0].f_lineno
    print(f"not started: get_stack() names {[f.f_code.co_name for f in stack]}")
    print(f"not started: print_stack() prints {printed(task)}")
    await asyncio.sleep(0)
    stack = task.get_stack()
    print(f"suspended: get_stack() names {[f.f_code.co_name for f in stack]}")
    print(f"suspended: its line is past the one it started at: {stack[0].f_lineno > start}")
    print(f"suspended: print_stack() prints {printed(task)}")
    print(f"suspended: get_stack(limit=0) is {task.get_stack(limit=0)}")
    print(f"suspended: print_stack(limit=0) prints {printed(task, limit=0)}")
    fut.set_result("done")
    print(f"result: {await task}")
    print(f"done: get_stack() is {task.get_stack()}")
    print(f"done: print_stack() prints {printed(task)}")
    cancelled = asyncio.create_task(waiter(asyncio.get_running_loop().create_future()))
    await asyncio.sleep(0)
    cancelled.cancel()
    try:
        await cancelled
    except asyncio.CancelledError:
        pass
    print(f"cancelled: get_stack() is {cancelled.get_stack()}")
    print(f"cancelled: print_stack() prints {printed(cancelled)}")


asyncio.run(main())
