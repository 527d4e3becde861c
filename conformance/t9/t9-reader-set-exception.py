import asyncio


async def attempt(what, aw):
    try:
        result = await aw
    except (Exception, asyncio.CancelledError) as e:
        print(f"{what}: {type(e).__name__}: {e}")
    else:
        print(f"{what}: {result!r}")


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    print("exception() at first:", reader.exception())
    loop.call_soon(reader.set_exception, ConnectionResetError("peer went away"))
    await attempt("readline woken by set_exception", reader.readline())
    print("exception():", type(reader.exception()).__name__, reader.exception())
    reader.feed_data(b"data fed after the error\n")
    await attempt("read(4) with data buffered", reader.read(4))
    await attempt("read(0)", reader.read(0))
    await attempt("readexactly(2)", reader.readexactly(2))
    await attempt("readuntil", reader.readuntil(b"\n"))
    await attempt("read()", reader.read())

    reader = asyncio.StreamReader()
    reader.feed_data(b"abc")
    reader.set_exception(ValueError("bad input"))
    await attempt("read(1) after set_exception on a buffered reader", reader.read(1))
    reader.feed_eof()
    print("at_eof:", reader.at_eof())
    await attempt("read() after feed_eof", reader.read())

    # The waiting read is cancelled first: the error is kept, not delivered.
    reader = asyncio.StreamReader()
    task = asyncio.create_task(reader.read(10))
    await asyncio.sleep(0)
    task.cancel()
    reader.set_exception(RuntimeError("too late"))
    await attempt("read cancelled before set_exception", task)
    print("exception() kept:", type(reader.exception()).__name__, reader.exception())


asyncio.run(main())
