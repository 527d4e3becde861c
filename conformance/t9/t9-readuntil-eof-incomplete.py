import asyncio
import socket


def show(b):
    return "[" + b.decode() + "]"


async def main():
    ours, peer = socket.socketpair()
    peer.sendall(b"abc;defgh!")
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    print(f"readuntil([;]): {show(await reader.readuntil(b';'))}")
    try:
        await reader.readuntil(b"!!")
        print("readuntil([!!]) returned")
    except asyncio.IncompleteReadError as exc:
        # EOF came before the whole separator: partial holds what was left,
        # including the first byte of the separator.
        print(f"readuntil([!!]): IncompleteReadError, expected {exc.expected}, partial {show(exc.partial)}")
    # ...and the buffer has been reset.
    print(f"read() afterwards: {show(await reader.read())}")
    print(f"at_eof: {reader.at_eof()}")
    try:
        await reader.readuntil(b";")
    except asyncio.IncompleteReadError as exc:
        print(f"readuntil([;]) at EOF: IncompleteReadError, partial {show(exc.partial)}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
