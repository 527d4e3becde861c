import asyncio


async def worker(name, tg):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name}: cancelled by the group")
        late = asyncio.sleep(0)
        try:
            tg.create_task(late)
        except RuntimeError:
            print(f"{name}: create_task while the group aborts: RuntimeError")
            late.close()
        raise


async def waiter():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(worker("child", tg))
        print("waiter: at the end of the block")
    print("waiter: after the block (not expected)")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("worker", tg))
            await asyncio.sleep(0)
            raise ValueError("the block failed")
    except* ValueError as eg:
        print(f"{type(eg).__name__} of {len(eg.exceptions)}: ValueError({eg.exceptions[0]})")
    late = asyncio.sleep(0)
    try:
        tg.create_task(late)
    except RuntimeError:
        print("create_task on a finished group: RuntimeError")
        late.close()
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print(f"waiter cancelled: {w.cancelled()}")


asyncio.run(main())
