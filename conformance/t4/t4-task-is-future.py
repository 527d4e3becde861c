import asyncio


async def boom():
    await asyncio.sleep(0)
    raise ArithmeticError("task failed")


async def main():
    task = asyncio.create_task(boom())
    try:
        task.result()
    except asyncio.InvalidStateError:
        print("result() while running: InvalidStateError")
    task.add_done_callback(lambda t: print(f"done callback: exception={type(t.exception()).__name__}"))
    try:
        await task
    except ArithmeticError as exc:
        print(f"await task raised {type(exc).__name__}: {exc}")
    print(f"exception() = {type(task.exception()).__name__}: {task.exception()}")
    try:
        await task
    except ArithmeticError:
        print("awaiting it again raises the same error")


asyncio.run(main())
