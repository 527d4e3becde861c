import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: caught CancelledError, carrying on")
    await asyncio.sleep(0)
    print("stubborn: still running after the cancellation")
    return "survived"


async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    task.cancel()
    result = await task
    print(f"result={result} cancelled()={task.cancelled()}")


asyncio.run(main())
