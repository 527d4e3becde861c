import asyncio
import socket
import struct


async def main():
    loop = asyncio.get_running_loop()
    result = loop.create_future()
    got_first = asyncio.Event()

    async def handle(reader, writer):
        first = await reader.readexactly(5)
        print(f"handler read: {first.decode()}")
        got_first.set()
        try:
            data = await reader.read()
            print(f"read() returned {len(data)} bytes")
        except ConnectionResetError:
            print("read() after the reset: ConnectionResetError")
        try:
            await reader.readline()
        except ConnectionResetError:
            print("readline() again: ConnectionResetError")
        writer.close()
        result.set_result(None)

    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    peer = socket.socket()
    peer.setblocking(False)
    await loop.sock_connect(peer, ('127.0.0.1', port))
    await loop.sock_sendall(peer, b"hello")
    # Reset (SO_LINGER 0) only once the handler has read the five bytes: a
    # reset that arrives first makes readexactly itself raise.
    await got_first.wait()
    peer.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    peer.close()
    await result
    server.close()
    await server.wait_closed()


asyncio.run(main())
