import asyncio


async def once():
    print("once: body runs")
    return 7


async def main():
    coro = once()
    print(f"first await -> {await coro}")
    try:
        await coro
        print("second await: no error")
    except RuntimeError:
        print("second await: RuntimeError")
    task = asyncio.ensure_future(once())
    print(f"task awaited once -> {await task}")
    print(f"task awaited again -> {await task}")


asyncio.run(main())
