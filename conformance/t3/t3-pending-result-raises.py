import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(f"done() = {fut.done()}, cancelled() = {fut.cancelled()}")
    for name in ("result", "exception"):
        try:
            getattr(fut, name)()
            print(f"{name}() on pending: returned")
        except asyncio.InvalidStateError:
            print(f"{name}() on pending: InvalidStateError")
    fut.set_result(None)
    print(f"after set_result(None): result() = {fut.result()}, exception() = {fut.exception()}")


asyncio.run(main())
