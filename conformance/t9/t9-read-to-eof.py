import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    print(f"at_eof on a fresh stream: {reader.at_eof()}")
    await loop.sock_sendall(peer, b"x" * 1000)
    peer.shutdown(socket.SHUT_WR)
    print(f"read(0): {len(await reader.read(0))} bytes")
    first = await reader.read(100)
    print(f"read(100) returned between 1 and 100 bytes: {1 <= len(first) <= 100}")
    print(f"at_eof with data left: {reader.at_eof()}")
    rest = await reader.read(-1)
    print(f"read(-1) returned the rest, total: {len(first) + len(rest)} bytes")
    print(f"at_eof: {reader.at_eof()}")
    print(f"read(-1) at EOF: {len(await reader.read(-1))} bytes")
    print(f"read(100) at EOF: {len(await reader.read(100))} bytes")
    print(f"readline at EOF: {len(await reader.readline())} bytes")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
