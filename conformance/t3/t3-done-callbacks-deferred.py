import asyncio


def make_cb(tag):
    def cb(fut):
        print(f"done callback {tag}: result={fut.result()}")
    return cb


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for tag in "ABC":
        fut.add_done_callback(make_cb(tag))
    fut.set_result(5)
    print("set_result returned; no done callback has run yet")
    print(f"done() = {fut.done()}")
    await asyncio.sleep(0)
    print("after one loop iteration")


asyncio.run(main())
