import asyncio
import socket

SIZE = 8 * 1024 * 1024


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()
    ours, peer = socket.socketpair()
    peer.setblocking(False)

    class Writer(asyncio.Protocol):
        calls = []

        def connection_lost(self, exc):
            self.calls.append(exc)
            lost.set_result(None)

    transport, proto = await loop.create_unix_connection(Writer, sock=ours)
    # The peer reads nothing yet: most of the payload must stay in the
    # transport's own buffer.
    transport.write(b"x" * SIZE)
    print(f"data buffered before abort: {transport.get_write_buffer_size() > 0}")
    transport.abort()
    print(f"is_closing right after abort: {transport.is_closing()}")
    await lost
    print(f"connection_lost calls: {len(proto.calls)}, argument: {proto.calls[0]}")
    total = 0
    while True:
        chunk = await loop.sock_recv(peer, 65536)
        if not chunk:
            break
        total += len(chunk)
    print(f"peer saw EOF after fewer bytes than written: {0 < total < SIZE}")
    peer.close()


asyncio.run(main())
