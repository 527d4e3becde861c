import asyncio
import socket

CHUNK = 65536


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, _ = await loop.create_unix_connection(asyncio.Protocol, sock=ours)
    transport.set_write_buffer_limits(high=64 * 1024 * 1024)
    print(f"idle buffer size: {transport.get_write_buffer_size()}")
    written = 0
    # The peer reads nothing: after the kernel's socket buffer fills up,
    # every further byte waits in the transport.
    while transport.get_write_buffer_size() == 0:
        transport.write(b"z" * CHUNK)
        written += CHUNK
    before = transport.get_write_buffer_size()
    transport.write(b"z" * 1000)
    print(f"write(1000 bytes) grows the buffer by: {transport.get_write_buffer_size() - before}")
    before = transport.get_write_buffer_size()
    transport.writelines([b"z" * 10, b"z" * 20, b"z" * 30])
    print(f"writelines(10+20+30 bytes) grows it by: {transport.get_write_buffer_size() - before}")
    written += 1060
    total = 0
    while total < written:
        total += len(await loop.sock_recv(peer, 1 << 20))
    while transport.get_write_buffer_size():
        await asyncio.sleep(0.001)
    print(f"peer read every byte: {total == written}; buffer size after draining: {transport.get_write_buffer_size()}")
    transport.close()
    peer.close()
    await asyncio.sleep(0)


asyncio.run(main())
