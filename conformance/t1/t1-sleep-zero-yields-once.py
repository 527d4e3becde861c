import asyncio


def cb(tag):
    print(f"callback {tag}")
    if tag == "first":
        asyncio.get_running_loop().call_soon(cb, "scheduled by first")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "first")
    loop.call_soon(cb, "second")
    print("main: before sleep(0)")
    await asyncio.sleep(0)
    print("main: after first sleep(0)")
    await asyncio.sleep(0)
    print("main: after second sleep(0)")
    value = await asyncio.sleep(0, result="payload")
    print(f"sleep(0, result=...) -> {value}")


asyncio.run(main())
