import asyncio
import socket


def show(b):
    return "[" + b.decode().replace("\r", "\\r").replace("\n", "\\n") + "]"


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    peer.sendall(b"GET / HTTP/1.0\r\nHost: tower\r\n\r\nkey=value;END-OF-DATA line\nrest")
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    for sep in (b"\r\n", b"\r\n", b"\r\n", b";", b"END", b"-OF-DATA"):
        print(f"readuntil({show(sep)}): {show(await reader.readuntil(sep))}")
    print(f"readuntil() stops at [\\n]: {show(await reader.readuntil())}")
    try:
        await reader.readuntil(b"")
    except ValueError:
        print("readuntil(empty separator): ValueError")
    print(f"read(): {show(await reader.read())}")
    writer.close()
    await writer.wait_closed()
    peer.close()

    # A separator split across two sends is still found.
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    reader, writer = await asyncio.open_unix_connection(sock=ours)

    async def feed():
        for piece in (b"first\r", b"\nsec", b"ond|", b"|", b"|third||"):
            await loop.sock_sendall(peer, piece)
            await asyncio.sleep(0.01)
        peer.shutdown(socket.SHUT_WR)

    feeder = asyncio.create_task(feed())
    crlf = await reader.readuntil(b"\r\n")
    print(f"readuntil([\\r\\n]) across sends: {show(crlf)}")
    print(f"readuntil([|||]) across sends: {show(await reader.readuntil(b'|||'))}")
    print(f"readuntil([||]): {show(await reader.readuntil(b'||'))}")
    await feeder
    print(f"read(): {show(await reader.read())}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
