import asyncio


async def worker(name, sem, gate):
    async with sem:
        print(name, "acquired")
        await gate.wait()
    print(name, "released")


async def main():
    sem = asyncio.Semaphore(2)
    gates = [asyncio.Event() for _ in range(5)]
    tasks = [asyncio.create_task(worker(f"t{i}", sem, gates[i])) for i in range(5)]
    await asyncio.sleep(0)
    print("locked:", sem.locked())
    for i in (1, 0, 2, 3, 4):
        gates[i].set()
        for _ in range(3):
            await asyncio.sleep(0)
    await asyncio.gather(*tasks)
    print("locked:", sem.locked())


asyncio.run(main())
