import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_exception(ValueError("bad value"))
    exc = fut.exception()
    print(f"exception() -> {type(exc).__name__}: {exc}")
    print(f"done() = {fut.done()}, cancelled() = {fut.cancelled()}")
    try:
        fut.result()
    except ValueError as e:
        print(f"result() raised {type(e).__name__}: {e}; same object: {e is exc}")
    try:
        await fut
    except ValueError as e:
        print(f"await raised {type(e).__name__}: {e}")
    c = loop.create_future()
    c.cancel()
    for name in ("result", "exception"):
        try:
            getattr(c, name)()
            print(f"{name}() on cancelled: returned")
        except asyncio.CancelledError:
            print(f"{name}() on cancelled: CancelledError")


asyncio.run(main())
