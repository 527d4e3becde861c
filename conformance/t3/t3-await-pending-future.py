import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(f"get_loop() is the running loop: {fut.get_loop() is loop}")
    loop.call_later(0.01, fut.set_result, "late value")
    print("awaiting a pending future")
    print(f"resumed with {await fut}")
    bad = loop.create_future()
    loop.call_soon(bad.set_exception, OSError("device gone"))
    try:
        await bad
    except OSError as exc:
        print(f"resumed with {type(exc).__name__}: {exc}")


asyncio.run(main())
