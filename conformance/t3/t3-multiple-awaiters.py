import asyncio


async def waiter(fut, tag):
    value = await fut
    return f"{tag} got {value}"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    tasks = [asyncio.create_task(waiter(fut, tag)) for tag in "ABC"]
    await asyncio.sleep(0)
    print(f"waiters done: {' '.join(str(t.done()) for t in tasks)}")
    fut.set_result(99)
    for line in await asyncio.gather(*tasks):
        print(line)
    print(f"awaiting the future again -> {await fut}")


asyncio.run(main())
