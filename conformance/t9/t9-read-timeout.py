import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    # The peer sends nothing: the read cannot finish, and wait_for gives up.
    try:
        await asyncio.wait_for(reader.readline(), timeout=0.05)
        print("readline returned?")
    except asyncio.TimeoutError:
        print("wait_for(readline(), 0.05): TimeoutError")
    print(f"at_eof: {reader.at_eof()}")
    # The cancelled read took nothing from the stream: it is still usable.
    await loop.sock_sendall(peer, b"late line\nrest")
    peer.shutdown(socket.SHUT_WR)
    print(f"readline afterwards: {(await reader.readline()).decode().strip()}")
    print(f"read() afterwards: {(await reader.read()).decode()}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
