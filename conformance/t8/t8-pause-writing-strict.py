import asyncio
import socket

LOW, EXTRA = 100, 1000


async def main():
    loop = asyncio.get_running_loop()
    log = []

    class Flow(asyncio.Protocol):
        def pause_writing(self):
            log.append(f"pause_writing at size {self.transport.get_write_buffer_size() - base}")

        def resume_writing(self):
            size = self.transport.get_write_buffer_size()
            log.append(f"resume_writing with size <= low: {size <= base + LOW}")

        def connection_made(self, transport):
            self.transport = transport

    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(Flow, sock=ours)
    transport.set_write_buffer_limits(high=1 << 30)
    # Fill the kernel's socket buffer (the peer reads nothing) so that every
    # byte written from now on stays in the transport.
    written = 0
    while transport.get_write_buffer_size() == 0:
        transport.write(b"f" * 65536)
        written += 65536
    base = transport.get_write_buffer_size()
    # Limits relative to what is already buffered.
    transport.set_write_buffer_limits(high=base + EXTRA, low=base + LOW)
    print(f"paused by set_write_buffer_limits: {bool(log)}")
    transport.write(b"f" * (EXTRA - 1))
    print(f"write up to one byte below high: {log or 'no callback'}")
    transport.write(b"f")
    print(f"write up to exactly high: {log or 'no callback'}")
    log.append("before write")
    transport.write(b"f")
    log.append("after write")
    print("one byte over high: " + ", ".join(log))
    log.clear()
    transport.write(b"f" * 5000)
    print(f"more writes while paused: {log or 'no callback'}")
    written += EXTRA + 1 + 5000
    total = 0
    while total < written:
        total += len(await loop.sock_recv(peer, 1 << 20))
    while transport.get_write_buffer_size():
        await asyncio.sleep(0.001)
    await asyncio.sleep(0.01)
    print(f"after the peer read everything: {', '.join(log) or 'no callback'}")
    transport.close()
    peer.close()
    await asyncio.sleep(0.01)


asyncio.run(main())
