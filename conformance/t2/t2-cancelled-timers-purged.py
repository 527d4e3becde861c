import asyncio

N = 1000


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    done = loop.create_future()
    base = loop.time()
    handles = []
    for i in range(N):
        rank = (i * 7919) % N                      # every rank once, registered out of order
        handles.append((rank, loop.call_at(base + 0.01 + rank * 0.00001, fired.append, rank)))
    for rank, handle in handles:
        if rank % 10 < 7:                          # most of them: the loop purges its heap
            handle.cancel()
    loop.call_at(base + 0.05, done.set_result, None)
    await done
    print(f"{len(fired)} timers fired, none of them cancelled: "
          f"{all(rank % 10 >= 7 for rank in fired)}")
    print(f"in deadline order: {fired == sorted(fired)}")


asyncio.run(main())
