import asyncio

N = 3000


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    done = loop.create_future()
    base = loop.time()
    for i in range(N):
        rank = (i * 7919) % N                      # every rank once, registered out of order
        loop.call_at(base - 1 + rank * 0.0001, fired.append, rank)   # all overdue: due together
    loop.call_at(base + 0.01, done.set_result, None)
    await done
    print(f"{len(fired)} timers fired")
    print(f"in deadline order: {fired == sorted(fired)}")


asyncio.run(main())
