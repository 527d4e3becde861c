import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("value")
    await asyncio.sleep(0)
    loop.call_soon(print, "call_soon registered before add_done_callback")
    fut.add_done_callback(lambda f: print(f"done callback: {f.result()}"))
    print("add_done_callback returned; the callback has not run inline")
    loop.call_soon(print, "call_soon registered after add_done_callback")
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
