import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()

    async def greet(reader, writer):
        writer.write(b"hello, " + await reader.readline())
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(greet, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    # localhost may also resolve to ::1, where nothing listens: the next
    # address is tried and the connection lands on 127.0.0.1.
    reader, writer = await asyncio.open_connection("localhost", port)
    print(f"connected by name to {writer.get_extra_info('peername')[0]}")
    writer.write(b"localhost\n")
    print((await reader.readline()).decode().rstrip("\n"))
    writer.close()
    await writer.wait_closed()

    try:
        await asyncio.open_connection("no-such-host.invalid", port)
    except socket.gaierror as e:
        print(f"open_connection: gaierror, an OSError: {isinstance(e, OSError)}")
    try:
        await loop.create_connection(asyncio.Protocol, "no-such-host.invalid", port)
    except socket.gaierror as e:
        print(f"create_connection: gaierror, an OSError: {isinstance(e, OSError)}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
