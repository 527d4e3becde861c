import asyncio


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    async with asyncio.timeout_at(deadline) as cm:
        print(f"timeout_at(deadline).when() == deadline: {cm.when() == deadline}")
        cm.reschedule(deadline + 5)
        print(f"after reschedule(deadline + 5): when() == deadline + 5: {cm.when() == deadline + 5}")
        await asyncio.sleep(0)
    print(f"body finished before the deadline: expired()={cm.expired()}")

    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time() - 1)
            print(f"rescheduled into the past, expired() before any await: {cm.expired()}")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print(f"a deadline in the past fires at the first await: expired()={cm.expired()}")

    async def waits_under_a_timeout():
        async with asyncio.timeout(10) as cm:
            try:
                await asyncio.sleep(20)
            finally:
                print(f"body interrupted, expired()={cm.expired()}")

    task = asyncio.create_task(waits_under_a_timeout())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled from outside: CancelledError, not TimeoutError")


asyncio.run(main())
