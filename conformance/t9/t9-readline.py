import asyncio
import socket


def show(b):
    return "[" + b.decode().replace("\n", "\\n") + "]"


async def stream_of(data):
    # Everything is queued in the kernel, EOF included, before the stream
    # exists: no result below depends on how the bytes are chunked.
    ours, peer = socket.socketpair()
    peer.sendall(data)
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    return reader, writer, peer


async def main():
    reader, writer, peer = await stream_of(b"one\ntwo\n\nlast line without newline")
    for _ in range(5):
        print(f"readline: {show(await reader.readline())}")
    print(f"at_eof: {reader.at_eof()}")
    writer.close()
    await writer.wait_closed()
    peer.close()

    reader, writer, peer = await stream_of(b"alpha\nbeta\ngamma")
    lines = [show(line) async for line in reader]
    print(f"async for: {' '.join(lines)}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
