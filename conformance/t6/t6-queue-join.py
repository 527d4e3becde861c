import asyncio


async def worker(q):
    while True:
        item = await q.get()
        print("processing", item)
        await asyncio.sleep(0)
        print("finished", item)
        q.task_done()


async def joiner(q):
    await q.join()
    print("join returned, qsize", q.qsize())


async def main():
    q = asyncio.Queue()
    await q.join()
    print("join on a fresh queue returns at once")
    for i in range(3):
        q.put_nowait(i)
    j = asyncio.create_task(joiner(q))
    w = asyncio.create_task(worker(q))
    await j
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("worker cancelled")
    # A get alone does not count as done: join waits for task_done().
    q.put_nowait("x")
    q.get_nowait()
    j = asyncio.create_task(joiner(q))
    for _ in range(3):
        await asyncio.sleep(0)
    print("join done before task_done:", j.done())
    q.task_done()
    await j
    try:
        q.task_done()
    except ValueError:
        print("extra task_done: ValueError")


asyncio.run(main())
