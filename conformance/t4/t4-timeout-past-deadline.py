import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() - 1) as cm:
            print("in the block")
            await asyncio.sleep(0)
            print("after the await (not expected)")
    except TimeoutError:
        print(f"a past deadline: TimeoutError at the first await; expired={cm.expired()}")
    async with asyncio.timeout(0) as cm:
        print("a block that never awaits")
    print(f"ends normally: expired={cm.expired()}")
    await asyncio.sleep(0.01)
    print("and the deadline cancels nothing after the block")


asyncio.run(main())
