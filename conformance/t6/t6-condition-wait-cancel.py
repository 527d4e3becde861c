import asyncio


async def waiter(name, cond, lock):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print(name, "cancelled, holding the lock again:", lock.locked())
            raise


async def outcome(task):
    try:
        await task
    except asyncio.CancelledError:
        return "cancelled"
    return "returned"


async def main():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    await lock.acquire()
    print("lock taken directly, condition locked:", cond.locked())
    lock.release()
    print("lock released, condition locked:", cond.locked())

    # A is cancelled while it waits for a notification.
    a = asyncio.create_task(waiter("A", cond, lock))
    await asyncio.sleep(0)
    print("A waits, lock free:", not lock.locked())
    await lock.acquire()
    a.cancel()
    await asyncio.sleep(0)
    print("A not done while main holds the lock:", not a.done())
    lock.release()
    print("A:", await outcome(a), "- lock free:", not lock.locked())

    # B is notified, then cancelled while it waits to take the lock back.
    b = asyncio.create_task(waiter("B", cond, lock))
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        await asyncio.sleep(0)
        b.cancel()
        await asyncio.sleep(0)
        print("B not done while main holds the lock:", not b.done())
    print("B:", await outcome(b), "- lock free:", not lock.locked())


asyncio.run(main())
