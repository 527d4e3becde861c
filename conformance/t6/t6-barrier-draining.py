import asyncio


async def party(name, barrier):
    print(name, "arrives, n_waiting", barrier.n_waiting)
    index = await barrier.wait()
    print(name, "passes with index", index)


async def main():
    barrier = asyncio.Barrier(2)
    tasks = [asyncio.create_task(party(name, barrier)) for name in "ABCD"]
    await asyncio.gather(*tasks)
    print("n_waiting at the end:", barrier.n_waiting, "broken:", barrier.broken)


asyncio.run(main())
