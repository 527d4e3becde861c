import asyncio


async def main():
    loop = asyncio.get_running_loop()
    base = loop.time()
    at = loop.call_at(base + 5, print, "never")
    print(f"call_at(base + 5).when() is base + 5: {abs(at.when() - (base + 5)) < 0.5}")
    later = loop.call_later(10, print, "never")
    ahead = later.when() - loop.time()
    print(f"call_later(10).when() is about 10 s ahead: {9.0 < ahead < 11.0}")
    at.cancel()
    later.cancel()
    print(f"cancelled() after cancel(): {at.cancelled()} {later.cancelled()}")


asyncio.run(main())
