import asyncio

loop = asyncio.new_event_loop()


def cb(tag, depth):
    print(f"callback {tag}{depth}")
    if depth < 3:
        loop.call_soon(cb, tag, depth + 1)
        print(f"  {tag}{depth} scheduled {tag}{depth + 1}; it has not run inline")


async def main():
    loop.call_soon(cb, "A", 1)
    loop.call_soon(cb, "B", 1)
    loop.call_soon(cb, "C", 1)
    for _ in range(4):
        await asyncio.sleep(0)


loop.run_until_complete(main())
loop.close()
