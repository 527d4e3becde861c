import asyncio


def cb(fut):
    print("cb ran")


def cb2(fut):
    print("cb2 ran")


def cb3(fut):
    print("cb3 ran")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(cb)
    fut.add_done_callback(cb2)
    fut.add_done_callback(cb)
    fut.add_done_callback(cb3)
    print(f"remove_done_callback(cb) -> {fut.remove_done_callback(cb)}")
    print(f"remove_done_callback(cb) again -> {fut.remove_done_callback(cb)}")
    fut.set_result(None)
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
