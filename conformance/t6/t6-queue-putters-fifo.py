import asyncio


async def putter(name, q):
    await q.put(name)
    print(name, "put")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("initial")
    tasks = [asyncio.create_task(putter(f"putter{i}", q)) for i in range(3)]
    await asyncio.sleep(0)  # all three are now blocked, in creation order
    for _ in range(4):
        print("got", await q.get())
    await asyncio.gather(*tasks)
    print("qsize:", q.qsize())


asyncio.run(main())
