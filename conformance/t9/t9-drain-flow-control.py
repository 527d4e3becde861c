import asyncio
import socket

SIZE = 4 * 1024 * 1024


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    reader, writer = await asyncio.open_unix_connection(sock=ours)
    low, high = writer.transport.get_write_buffer_limits()
    await writer.drain()
    print("drain with an empty buffer returns at once")
    writer.write(b"d" * SIZE)
    print(f"buffer above the high mark: {writer.transport.get_write_buffer_size() > high}")
    drain = asyncio.create_task(writer.drain())
    for _ in range(10):
        await asyncio.sleep(0.005)
    # The peer has read nothing, so nothing can have drained.
    print(f"drain finished while the peer reads nothing: {drain.done()}")
    total = 0
    while total < SIZE:
        total += len(await loop.sock_recv(peer, 1 << 20))
    await drain
    print(f"drain finished after the peer read {total} bytes")
    print(f"buffer at or below the low mark: {writer.transport.get_write_buffer_size() <= low}")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
