import asyncio


async def plain(n):
    return n + 1


async def chain(n):
    a = await plain(n)
    b = await plain(a)
    return b


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback: ran")
    value = await chain(1)
    value = await chain(value)
    print(f"after awaits that never suspend: value={value}")
    await asyncio.sleep(0)
    print("after sleep(0)")


asyncio.run(main())
