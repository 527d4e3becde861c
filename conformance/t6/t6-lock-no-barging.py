import asyncio


async def worker(name, lock):
    async with lock:
        print(name, "acquired")
        await asyncio.sleep(0)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    first = asyncio.create_task(worker("waiter", lock))
    await asyncio.sleep(0)  # the waiter is queued on the held lock
    lock.release()
    # The lock is unlocked now, but the woken waiter has not run yet.
    print("locked right after release:", lock.locked())
    late = asyncio.create_task(worker("late", lock))
    await asyncio.gather(first, late)
    # The releasing task itself cannot take the lock back either.
    await lock.acquire()
    other = asyncio.create_task(worker("queued", lock))
    await asyncio.sleep(0)
    lock.release()
    await lock.acquire()
    print("main acquired again")
    lock.release()
    await other


asyncio.run(main())
