import asyncio


async def value():
    await asyncio.sleep(0)
    return "kept"


async def fails():
    await asyncio.sleep(0)
    raise ValueError("inner failed")


async def main():
    print(f"result through the shield: {await asyncio.shield(asyncio.create_task(value()))}")
    try:
        await asyncio.shield(asyncio.create_task(fails()))
    except ValueError as e:
        print(f"exception through the shield: ValueError({e})")
    inner = asyncio.create_task(asyncio.sleep(10))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    inner.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print(f"inner cancelled: outer cancelled={outer.cancelled()}")
    inner = asyncio.get_running_loop().create_future()
    outer = asyncio.shield(inner)
    outer.cancel()
    inner.set_result("late")
    await asyncio.sleep(0)
    print(f"outer cancelled as inner completes: outer cancelled={outer.cancelled()}, inner result={inner.result()}")


asyncio.run(main())
