import asyncio


async def waiter(name, event):
    result = await event.wait()
    print(name, "woke, wait returned", result)


async def main():
    event = asyncio.Event()
    print("is_set:", event.is_set())
    tasks = [asyncio.create_task(waiter(f"waiter{i}", event)) for i in range(3)]
    await asyncio.sleep(0)
    print("waiting tasks done:", sum(t.done() for t in tasks))
    event.set()
    event.clear()  # cleared at once: the three waiters were already awakened
    await asyncio.gather(*tasks)
    print("is_set:", event.is_set())
    event.set()
    print("wait on a set event returns", await event.wait())
    event.clear()
    late = asyncio.create_task(waiter("late", event))
    for _ in range(3):
        await asyncio.sleep(0)
    print("late waiter done before set:", late.done())
    event.set()
    await late


asyncio.run(main())
