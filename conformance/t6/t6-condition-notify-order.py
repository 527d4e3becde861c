import asyncio


async def waiter(name, cond):
    async with cond:
        await cond.wait()
        print(name, "woke")


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(f"w{i}", cond)) for i in range(4)]
    await settle()
    async with cond:
        cond.notify(2)
        print("notify(2)")
    await settle()
    async with cond:
        cond.notify(1)
        print("notify(1)")
    await settle()
    async with cond:
        cond.notify_all()
        print("notify_all()")
    await asyncio.gather(*tasks)


asyncio.run(main())
