import asyncio


async def waiter(name, cond, woken):
    async with cond:
        result = await cond.wait()
        woken.append((name, result, cond.locked()))


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    cond = asyncio.Condition()
    woken = []
    tasks = [asyncio.create_task(waiter(f"w{i}", cond, woken)) for i in range(4)]
    await settle()
    print("locked while all wait:", cond.locked())
    async with cond:
        cond.notify(2)
    await settle()
    print("woken by notify(2):", len(woken))
    async with cond:
        cond.notify_all()
    await asyncio.gather(*tasks)
    print("woken after notify_all:", len(woken))
    print("every wait returned True holding the lock:", all(r is True and held for _, r, held in woken))
    print("each waiter woken once:", " ".join(sorted(name for name, _, _ in woken)))
    async with cond:
        cond.notify(5)  # nobody waits: a no-op
    print("notify with no waiters: no-op")
    try:
        cond.notify()
    except RuntimeError:
        print("notify without the lock: RuntimeError")
    try:
        cond.notify_all()
    except RuntimeError:
        print("notify_all without the lock: RuntimeError")
    try:
        await cond.wait()
    except RuntimeError:
        print("wait without the lock: RuntimeError")


asyncio.run(main())
