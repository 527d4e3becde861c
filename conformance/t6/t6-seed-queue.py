import asyncio

async def producer(queue):
    for i in range(5):
        item = f"item_{i}"
        await queue.put(item)
        print(f"✅ Produced {item}")
        await asyncio.sleep(1)  # Simulate production time
    await queue.put(None)  # Sentinel to indicate completion

async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"🔄 Consumed {item}")
        await asyncio.sleep(2)  # Simulate consumption time

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(
        producer(queue),
        consumer(queue)
    )

# Run the event loop
asyncio.run(main())
