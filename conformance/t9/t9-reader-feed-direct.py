import asyncio


class RecordingTransport(asyncio.ReadTransport):
    """Stands for the connection: it only reports what the reader asks of it."""

    def pause_reading(self):
        print("  transport: pause_reading()")

    def resume_reading(self):
        print("  transport: resume_reading()")


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    reader.feed_data(b"first line\nsecond ")
    print(f"readline: {await reader.readline()!r}")
    loop.call_soon(reader.feed_data, b"line\n")
    print(f"readline woken by feed_data: {await reader.readline()!r}")
    loop.call_soon(reader.feed_eof)
    print(f"read() woken by feed_eof: {await reader.read()!r}, at_eof: {reader.at_eof()}")

    reader = asyncio.StreamReader(limit=4)
    reader.set_transport(RecordingTransport())
    print("feed 8 bytes (twice the limit)")
    reader.feed_data(b"abcdefgh")
    print("feed 1 more byte")
    reader.feed_data(b"i")
    print(f"read(4): {await reader.read(4)!r}")
    print(f"read(1): {await reader.read(1)!r}")
    reader.feed_data(b"jk")
    reader.feed_eof()
    print(f"at_eof with data left: {reader.at_eof()}")
    print(f"read(): {await reader.read()!r}, at_eof: {reader.at_eof()}")


asyncio.run(main())
