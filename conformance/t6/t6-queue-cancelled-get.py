import asyncio


async def getter(name, q):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    print(name, "got", item)


async def main():
    q = asyncio.Queue()

    # Case 1: the first getter is cancelled while it waits.
    a = asyncio.create_task(getter("A", q))
    b = asyncio.create_task(getter("B", q))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    q.put_nowait("item1")
    await asyncio.gather(a, b, return_exceptions=True)
    print("qsize:", q.qsize())

    # Case 2: an item arrives and wakes the first getter, which is then
    # cancelled before it runs: the item passes to the next getter.
    c = asyncio.create_task(getter("C", q))
    d = asyncio.create_task(getter("D", q))
    await asyncio.sleep(0)
    q.put_nowait("item2")
    c.cancel()
    await asyncio.gather(c, d, return_exceptions=True)
    print("qsize:", q.qsize())


asyncio.run(main())
