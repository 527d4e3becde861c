import asyncio


async def leaf(x):
    print(f"leaf({x}) enter")
    await asyncio.sleep(0)
    print(f"leaf({x}) resumed")
    return x * 10


async def middle(x):
    print(f"middle({x}) enter")
    local = x + 1
    a = await leaf(local)
    b = await leaf(local + 1)
    print(f"middle({x}) locals intact: local={local}")
    return a + b


async def nothing():
    pass


async def main():
    total = await middle(1)
    print(f"middle(1) -> {total}")
    none = await nothing()
    print(f"coroutine without return -> {none}")


asyncio.run(main())
