import asyncio


async def inner(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise


async def main():
    task = asyncio.create_task(inner("inner"))
    waiter = asyncio.create_task(asyncio.wait_for(task, timeout=5))
    await asyncio.sleep(0)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print(f"waiter cancelled: {waiter.cancelled()}; inner cancelled: {task.cancelled()}")

    task = asyncio.create_task(inner("zero"))
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(task, timeout=0)
    except asyncio.TimeoutError:
        print(f"timeout=0 on a pending task: TimeoutError; task cancelled: {task.cancelled()}")
    done = asyncio.get_running_loop().create_future()
    done.set_result("ready")
    print(f"timeout=0 on a done future: {await asyncio.wait_for(done, timeout=0)}")


asyncio.run(main())
