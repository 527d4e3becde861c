import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for entry in [(3, "low"), (1, "urgent"), (4, "idle"), (2, "normal")]:
        await pq.put(entry)
    out = []
    while not pq.empty():
        priority, name = await pq.get()
        out.append(f"{priority}:{name}")
    print("priority order:", ", ".join(out))

    lq = asyncio.LifoQueue()
    for item in ("a", "b", "c"):
        await lq.put(item)
    print("lifo order:", " ".join([await lq.get() for _ in range(3)]))


asyncio.run(main())
