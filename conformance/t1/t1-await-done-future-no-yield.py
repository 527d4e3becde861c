import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("ready")
    loop.call_soon(print, "callback: ran")
    a = await fut
    b = await fut
    print(f"awaited a done future twice: {a} {b}; callback has not run")
    await asyncio.sleep(0)
    print("after sleep(0)")


asyncio.run(main())
