import asyncio


async def worker(name, sem):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled before acquiring, locked:", sem.locked())
        raise
    try:
        print(name, "acquired")
        await asyncio.sleep(0)
    finally:
        sem.release()


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a, b, c = (asyncio.create_task(worker(n, sem)) for n in "ABC")
    await asyncio.sleep(0)
    b.cancel()  # B gives up while waiting
    await asyncio.sleep(0)
    sem.release()  # hands the slot to A ...
    a.cancel()  # ... which is cancelled before it runs: the slot goes to C
    results = await asyncio.gather(a, b, c, return_exceptions=True)
    print("outcomes:", " ".join("cancelled" if isinstance(r, asyncio.CancelledError) else "ok" for r in results))
    print("locked at the end:", sem.locked())
    print("can acquire again:", await sem.acquire())


asyncio.run(main())
