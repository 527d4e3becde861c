import asyncio


async def child(tg, name, spawn):
    await asyncio.sleep(0)
    if spawn:
        tg.create_task(child(tg, "grandchild", False))
        print(f"{name}: created a task in the group while it waits at its end")
    await asyncio.sleep(0)
    print(f"{name}: done")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(tg, "child", True))
        print("block ends; the group waits for its one task")
    print("group exited after both tasks")


asyncio.run(main())
