import asyncio


async def producer(q):
    for i in range(4):
        await q.put(i)
        print("put", i, "qsize", q.qsize())
    print("producer finished")


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    q = asyncio.Queue(maxsize=2)
    task = asyncio.create_task(producer(q))
    await settle()
    print("blocked: full:", q.full(), "qsize:", q.qsize(), "producer done:", task.done())
    for _ in range(4):
        print("get", await q.get())
        await settle()
    print("producer done:", task.done(), "qsize:", q.qsize())


asyncio.run(main())
