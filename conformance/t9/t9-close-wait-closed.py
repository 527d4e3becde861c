import asyncio


async def main():
    loop = asyncio.get_running_loop()
    server_saw = loop.create_future()

    async def handle(reader, writer):
        data = await reader.read()  # until EOF
        server_saw.set_result(data)
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    print(f"is_closing before close: {writer.is_closing()}")
    writer.write(b"x" * 100000)
    writer.close()
    print(f"is_closing right after close: {writer.is_closing()}")
    print(f"transport is_closing: {writer.transport.is_closing()}")
    await writer.wait_closed()
    print("wait_closed returned")
    await writer.wait_closed()
    print("wait_closed again returns too")
    data = await server_saw
    print(f"server read {len(data)} bytes before EOF")
    server.close()
    await server.wait_closed()


asyncio.run(main())
