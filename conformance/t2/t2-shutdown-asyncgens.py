import asyncio


async def ticks(name, n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i
    finally:
        await asyncio.sleep(0)
        print(f"{name}: finalised")


left_open = None


async def main():
    global left_open
    async for i in ticks("exhausted", 2):
        print(f"async for got {i}")
    gen = ticks("closed", 5)
    print(f"anext: {await anext(gen)}")
    await gen.aclose()
    try:
        await anext(gen)
    except StopAsyncIteration:
        print("anext after aclose: StopAsyncIteration")
    left_open = ticks("left open", 5)
    print(f"anext: {await anext(left_open)}")
    print("main returns with a generator suspended")


asyncio.run(main())
print("asyncio.run returned")
