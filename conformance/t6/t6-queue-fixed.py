import asyncio

# The seed's producer/consumer with its ties removed.  One UNIT stands for one
# second of the seed.  The consumer starts half a unit after the producer, so
# no wake-up of one falls due at the same instant as a wake-up of the other.
# Every wake-up is an absolute deadline on the loop's clock: lateness does not
# accumulate, and a loop that falls behind still runs due wake-ups in deadline
# order.
UNIT = 0.1


async def until(start, units):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_at(start + units * UNIT, done.set_result, None)
    await done


async def producer(queue, start):
    for i in range(5):
        item = f"item_{i}"
        await queue.put(item)
        print(f"✅ Produced {item}")
        await until(start, i + 1)  # production takes one unit
    await queue.put(None)  # Sentinel to indicate completion


async def consumer(queue, start):
    t = 0.5  # half a unit after the producer
    await until(start, t)
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"🔄 Consumed {item}")
        t += 2
        await until(start, t)  # consumption takes two units


async def main():
    queue = asyncio.Queue()
    start = asyncio.get_running_loop().time()
    await asyncio.gather(
        producer(queue, start),
        consumer(queue, start)
    )


asyncio.run(main())
