import asyncio


async def target():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"target: cancelled, cancelling()={me.cancelling()}")
        print(f"target: uncancel() -> {me.uncancel()}")
        print(f"target: uncancel() -> {me.uncancel()}")
    await asyncio.sleep(0)
    return "finished normally"


async def main():
    task = asyncio.create_task(target())
    await asyncio.sleep(0)
    print(f"before: cancelling()={task.cancelling()}")
    task.cancel()
    print(f"one cancel(): cancelling()={task.cancelling()}")
    task.cancel()
    print(f"two cancel(): cancelling()={task.cancelling()}")
    print(f"result: {await task}; cancelled()={task.cancelled()}")


asyncio.run(main())
