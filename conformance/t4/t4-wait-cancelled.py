import asyncio


async def worker(name, gate):
    await gate
    return name


async def waiter(tasks):
    try:
        await asyncio.wait(tasks)
    except asyncio.CancelledError:
        print("waiter: CancelledError out of asyncio.wait")
        raise


async def main():
    loop = asyncio.get_running_loop()
    gate = loop.create_future()
    tasks = [asyncio.create_task(worker(name, gate)) for name in ("a", "b")]
    w = asyncio.create_task(waiter(tasks))
    await asyncio.sleep(0)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print(f"the waiting task is cancelled: {w.cancelled()}")
    print(f"the tasks it waited for are cancelled: {tasks[0].cancelled()} {tasks[1].cancelled()}")
    gate.set_result(None)
    print(f"they run on to their results: {await tasks[0]} {await tasks[1]}")


asyncio.run(main())
