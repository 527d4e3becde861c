import asyncio


async def sleeper():
    print("sleeper: awaiting sleep(10)")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as exc:
        print(f"sleeper: CancelledError at its await, msg={exc.args[0] if exc.args else None}")
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print(f"cancel('stop') -> {task.cancel('stop')}")
    print(f"right after cancel: done()={task.done()} cancelled()={task.cancelled()}")
    try:
        await task
    except asyncio.CancelledError:
        print("main: awaiting the task raised CancelledError")
    print(f"afterwards: done()={task.done()} cancelled()={task.cancelled()}")
    print(f"cancel() on a finished task -> {task.cancel()}")


asyncio.run(main())
