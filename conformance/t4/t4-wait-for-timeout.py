import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner: cancelled by wait_for")
        raise


async def fast():
    await asyncio.sleep(0)
    return "fast result"


async def main():
    try:
        await asyncio.wait_for(inner(), timeout=0.05)
    except asyncio.TimeoutError:
        print("main: wait_for raised TimeoutError")
    print(f"wait_for within the limit -> {await asyncio.wait_for(fast(), timeout=5)}")
    print(f"wait_for with timeout=None -> {await asyncio.wait_for(fast(), timeout=None)}")
    task = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(task, timeout=0.05)
    except asyncio.TimeoutError:
        print(f"main: TimeoutError; the task was cancelled first: {task.cancelled()}")


asyncio.run(main())
