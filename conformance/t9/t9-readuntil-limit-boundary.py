import asyncio


async def attempt(reader, separator):
    try:
        return repr(await reader.readuntil(separator))
    except asyncio.LimitOverrunError as e:
        return f"LimitOverrunError({str(e)!r}, consumed={e.consumed})"


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=4)
    reader.feed_data(b"abcd|abcde|")
    print(f"4 bytes before the separator: {await attempt(reader, b'|')}")
    print(f"5 bytes before the separator: {await attempt(reader, b'|')}")
    print(f"the data stays: {await reader.read(6)!r}")

    reader.feed_data(b"abc||abcd||")
    print(f"the separator may end past the limit: {await attempt(reader, b'||')}")
    print(f"and may start at it: {await attempt(reader, b'||')}")

    reader.feed_data(b"abcd")
    waiting = asyncio.create_task(attempt(reader, b"||"))
    await asyncio.sleep(0)
    print(f"4 bytes, no separator yet: still waiting: {not waiting.done()}")
    reader.feed_data(b"e")
    await asyncio.sleep(0)
    print(f"5 bytes: the last one may start the separator: still waiting: {not waiting.done()}")
    loop.call_soon(reader.feed_data, b"f")
    print(f"6 bytes without the separator: {await waiting}")
    print(f"the data stays: {await reader.read(6)!r}")


asyncio.run(main())
