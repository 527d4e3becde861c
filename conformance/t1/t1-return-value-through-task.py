import asyncio


async def compute(x):
    await asyncio.sleep(0)
    return x * x


async def nothing():
    await asyncio.sleep(0)


async def main():
    task = asyncio.create_task(compute(9))
    awaited = await task
    print(f"await task -> {awaited}")
    print(f"task.result() -> {task.result()}")
    print(f"same value: {awaited == task.result()}")
    empty = asyncio.create_task(nothing())
    await empty
    print(f"task of a coroutine without return -> {empty.result()}")


asyncio.run(main())
