import asyncio


async def party(name, barrier):
    try:
        await barrier.wait()
        print(name, "passed")
    except asyncio.BrokenBarrierError:
        print(name, "BrokenBarrierError")


async def main():
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(party(f"p{i}", barrier)) for i in range(2)]
    await asyncio.sleep(0)
    print("n_waiting:", barrier.n_waiting)
    await barrier.abort()
    await asyncio.gather(*tasks)
    print("broken:", barrier.broken)
    await party("late", barrier)
    print("BrokenBarrierError is a RuntimeError:", issubclass(asyncio.BrokenBarrierError, RuntimeError))

    await barrier.reset()
    print("after reset: broken:", barrier.broken, "n_waiting:", barrier.n_waiting)
    tasks = [asyncio.create_task(party(f"r{i}", barrier)) for i in range(2)]
    await asyncio.sleep(0)
    await barrier.reset()  # waiting parties get BrokenBarrierError
    await asyncio.gather(*tasks)
    print("after second reset: broken:", barrier.broken)

    # A waiting party that is cancelled leaves the barrier.
    task = asyncio.create_task(party("c0", barrier))
    await asyncio.sleep(0)
    print("n_waiting:", barrier.n_waiting)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("c0 cancelled")
    print("n_waiting after cancel:", barrier.n_waiting, "broken:", barrier.broken)


asyncio.run(main())
