import asyncio


async def worker(name, lock):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled before acquiring, lock locked:", lock.locked())
        raise
    try:
        print(name, "acquired")
        await asyncio.sleep(0)
    finally:
        lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a, b, c = (asyncio.create_task(worker(n, lock)) for n in "ABC")
    await asyncio.sleep(0)
    b.cancel()  # B gives up while the lock is held
    await asyncio.sleep(0)
    lock.release()  # wakes A ...
    a.cancel()  # ... which is cancelled before it runs: the lock passes to C
    results = await asyncio.gather(a, b, c, return_exceptions=True)
    print("outcomes:", " ".join("cancelled" if isinstance(r, asyncio.CancelledError) else "ok" for r in results))
    print("lock locked at the end:", lock.locked())


asyncio.run(main())
