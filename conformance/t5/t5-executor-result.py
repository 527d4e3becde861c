import asyncio
from concurrent.futures import ThreadPoolExecutor


def add(a, b):
    return a + b


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=2) as pool:
        fut = loop.run_in_executor(pool, add, 2, 40)
        print("returns an asyncio future:", asyncio.isfuture(fut))
        result = await fut
        print("result:", result)
        print("future done:", fut.done())
        print("future result:", fut.result())


asyncio.run(main())
