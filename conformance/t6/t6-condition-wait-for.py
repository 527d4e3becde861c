import asyncio

state = {"count": 0}


def ready():
    # A truthy value other than True: wait_for must return it unchanged.
    return state["count"] >= 3 and f"count={state['count']}"


async def waiter(cond):
    async with cond:
        result = await cond.wait_for(ready)
        print("wait_for returned", result, "holding the lock", cond.locked())


async def main():
    cond = asyncio.Condition()
    task = asyncio.create_task(waiter(cond))
    for _ in range(3):
        await asyncio.sleep(0)
        async with cond:
            state["count"] += 1
            print("count is", state["count"], "waiter done:", task.done())
            cond.notify_all()
    await task
    async with cond:
        print("predicate already true: returns", await cond.wait_for(ready))


asyncio.run(main())
