import asyncio


async def main():
    received = asyncio.get_running_loop().create_future()

    async def collect(reader, writer):
        received.set_result(await reader.read())
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(collect, "127.0.0.1", 0)
    addr = server.sockets[0].getsockname()
    reader, writer = await asyncio.open_connection(*addr)
    writer.write(b"sent before close")
    writer.close()
    print(f"is_closing right after close: {writer.is_closing()}")
    writer.write_eof()  # the transport is closing: nothing to do
    print(f"peername still known: {writer.get_extra_info('peername') == addr}")
    await writer.wait_closed()
    print(f"is_closing after wait_closed: {writer.is_closing()}")
    writer.write(b"written after wait_closed")  # the connection is gone: dropped
    try:
        await writer.drain()
    except ConnectionResetError as e:
        print(f"drain after close: ConnectionResetError: {e}")
    print(f"read() after close: {await reader.read()!r}, at_eof: {reader.at_eof()}")
    print(f"the server read: {await received!r}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
