import asyncio


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name}: cancelled by the group")
        raise


async def fails():
    raise ValueError("the child failed")


async def cancelled_in_block():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("a"))
        print("block: waiting")
        await asyncio.sleep(10)
        print("block: not reached")
    print("after the block (not expected)")


async def failed_and_cancelled():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
            tg.create_task(child("c"))
            await asyncio.sleep(10)
    except* ValueError as eg:
        print(f"{type(eg).__name__} of {len(eg.exceptions)}: ValueError({eg.exceptions[0]})")
    print(f"after the block: cancelling()={asyncio.current_task().cancelling()}")
    return "returned"


async def main():
    t = asyncio.create_task(cancelled_in_block())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"cancelled in the block: CancelledError, cancelled()={t.cancelled()}")

    t = asyncio.create_task(failed_and_cancelled())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    print(f"a child failed, then cancelled from outside: {await t}")


asyncio.run(main())
