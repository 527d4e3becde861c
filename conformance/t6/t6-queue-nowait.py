import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("get_nowait on empty queue: QueueEmpty")
    q.put_nowait("kept")
    try:
        q.put_nowait("rejected")
    except asyncio.QueueFull:
        print("put_nowait on full queue: QueueFull")
    print("qsize:", q.qsize(), "item:", q.get_nowait())
    print("empty again:", q.empty())
    lifo = asyncio.LifoQueue(maxsize=1)
    lifo.put_nowait(1)
    try:
        lifo.put_nowait(2)
    except asyncio.QueueFull:
        print("LifoQueue put_nowait when full: QueueFull")
    prio = asyncio.PriorityQueue()
    try:
        prio.get_nowait()
    except asyncio.QueueEmpty:
        print("PriorityQueue get_nowait when empty: QueueEmpty")


asyncio.run(main())
