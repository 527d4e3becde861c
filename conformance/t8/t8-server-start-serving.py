import asyncio


async def main():
    loop = asyncio.get_running_loop()
    made = []

    class P(asyncio.Protocol):
        def connection_made(self, transport):
            made.append(transport)
            transport.write(b"hi")
            transport.close()

    server = await loop.create_server(P, '127.0.0.1', 0, start_serving=False)
    port = server.sockets[0].getsockname()[1]
    print(f"start_serving=False: is_serving {server.is_serving()}, sockets {len(server.sockets)}")
    await server.start_serving()
    print(f"after start_serving(): is_serving {server.is_serving()}")
    await server.start_serving()
    print(f"start_serving() again is harmless: is_serving {server.is_serving()}")
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    print(f"client read: {(await reader.read()).decode()}")
    writer.close()
    await writer.wait_closed()
    print(f"protocols made: {len(made)}")
    print(f"get_loop() is the running loop: {server.get_loop() is loop}")
    server.close()
    print(f"after close(): is_serving {server.is_serving()}")
    await server.wait_closed()
    print("wait_closed returned")


asyncio.run(main())
