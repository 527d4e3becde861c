import asyncio


async def worker(name, lock):
    async with lock:
        print(name, "acquired")
        await asyncio.sleep(0)
        print(name, "releasing")


async def main():
    lock = asyncio.Lock()
    print("locked:", lock.locked())
    await lock.acquire()
    print("locked:", lock.locked())
    tasks = [asyncio.create_task(worker(f"w{i}", lock)) for i in range(3)]
    await asyncio.sleep(0)  # w0, w1, w2 now wait, in that order
    lock.release()
    await asyncio.gather(*tasks)
    print("locked:", lock.locked())


asyncio.run(main())
