import asyncio


async def getter(name, q):
    item = await q.get()
    print(name, "got", item)


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(getter(f"getter{i}", q)) for i in range(3)]
    await asyncio.sleep(0)  # all three are now waiting, in creation order
    for item in ("x", "y", "z"):
        q.put_nowait(item)
    await asyncio.gather(*tasks)
    print("qsize:", q.qsize())


asyncio.run(main())
