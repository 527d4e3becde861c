import asyncio
import socket


def show(b):
    return "[" + b.decode().replace("\n", "\\n") + "]"


async def main():
    ours, peer = socket.socketpair()
    # All queued with EOF before the stream exists: the over-long line is
    # complete in the buffer when readline looks at it.
    peer.sendall(b"short\nthis line is too long\nnext\n")
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours, limit=8)
    for _ in range(4):
        try:
            print(f"readline: {show(await reader.readline())}")
        except ValueError as exc:
            print(f"readline: ValueError (a LimitOverrunError: {isinstance(exc, asyncio.LimitOverrunError)})")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
