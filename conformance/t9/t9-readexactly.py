import asyncio
import socket


def show(b):
    return "[" + b.decode() + "]"


async def main():
    ours, peer = socket.socketpair()
    peer.sendall(b"abcdefghij")
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    print(f"readexactly(0): {show(await reader.readexactly(0))}")
    print(f"readexactly(3): {show(await reader.readexactly(3))}")
    print(f"readexactly(3): {show(await reader.readexactly(3))}")
    for n in (10, 1):
        try:
            data = await reader.readexactly(n)
            print(f"readexactly({n}): {show(data)}")
        except asyncio.IncompleteReadError as exc:
            print(f"readexactly({n}): IncompleteReadError, expected {exc.expected}, partial {show(exc.partial)}")
            print(f"  it is an EOFError: {isinstance(exc, EOFError)}")
    print(f"at_eof: {reader.at_eof()}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
