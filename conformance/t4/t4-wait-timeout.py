import asyncio


async def main():
    loop = asyncio.get_running_loop()
    never = loop.create_future()
    task = asyncio.create_task(asyncio.sleep(10), name="sleeper")
    done, pending = await asyncio.wait([never, task], timeout=0.05)
    print(f"after timeout: {len(done)} done, {len(pending)} pending")
    print(f"wait() did not cancel them: {never.cancelled()} {task.cancelled()}")
    task.cancel()
    never.cancel()
    quick = asyncio.create_task(asyncio.sleep(0, result="quick"))
    done, pending = await asyncio.wait([quick], timeout=5)
    print(f"completed before the timeout: {len(done)} done, {len(pending)} pending")
    try:
        await asyncio.wait([])
    except ValueError:
        print("wait() of an empty set: ValueError")


asyncio.run(main())
