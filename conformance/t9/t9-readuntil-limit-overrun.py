import asyncio
import socket


def show(b):
    return "[" + b.decode().replace("\n", "\\n") + "]"


async def main():
    ours, peer = socket.socketpair()
    peer.sendall(b"0123456789ABCDEF;rest\n")
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours, limit=8)
    try:
        await reader.readuntil(b";")
        print("readuntil(;) returned")
    except asyncio.LimitOverrunError as exc:
        print(f"readuntil([;]) with limit 8: LimitOverrunError")
        print(f"  it is an Exception but not an EOFError: {isinstance(exc, Exception) and not isinstance(exc, EOFError)}")
    # The data stays in the buffer and can be read again.
    print(f"readexactly(17): {show(await reader.readexactly(17))}")
    nl = await reader.readuntil(b"\n")
    print(f"readuntil([\\n]): {show(nl)}")
    print(f"read() at the end: {show(await reader.read())}, at_eof: {reader.at_eof()}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
