import asyncio


async def child():
    await asyncio.sleep(0)
    return "child's result"


async def outer():
    return await child()


async def main():
    coro = outer()
    task = asyncio.create_task(coro)
    print(f"before the task starts: get_coro() is the coroutine given: {task.get_coro() is coro}")
    await asyncio.sleep(0)
    print(f"suspended in the coroutine it awaits: get_coro() is still the outer one: "
          f"{task.get_coro() is coro}")
    print(f"result: {await task}")


asyncio.run(main())
