import asyncio


async def main():
    q = asyncio.Queue()
    print("maxsize:", q.maxsize, "qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())
    for item in ("first", "second", "third"):
        await q.put(item)
    print("after 3 puts: qsize:", q.qsize(), "empty:", q.empty())
    got = [await q.get() for _ in range(3)]
    print("got:", " ".join(got))
    print("after 3 gets: qsize:", q.qsize(), "empty:", q.empty())
    for i in range(1000):
        q.put_nowait(i)
    print("unbounded queue with 1000 items: full:", q.full(), "qsize:", q.qsize())
    drained = [q.get_nowait() for _ in range(1000)]
    print("in order:", drained == list(range(1000)))


asyncio.run(main())
