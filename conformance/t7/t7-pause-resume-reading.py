import asyncio
import socket

SIZE = 1000


async def main():
    loop = asyncio.get_running_loop()
    complete = loop.create_future()
    lost = loop.create_future()

    class Reader(asyncio.Protocol):
        received = 0

        def data_received(self, data):
            self.received += len(data)
            if self.received == SIZE:
                complete.set_result(None)

        def connection_lost(self, exc):
            lost.set_result(exc)

    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(Reader, sock=ours)
    print(f"is_reading once connected: {transport.is_reading()}")
    # Paused from the coroutine, after create_unix_connection returned: a
    # pause requested inside connection_made is lost on CPython 3.11
    # (python/cpython#103607, fixed in 3.12), so it is not what we pin.
    transport.pause_reading()
    print(f"is_reading after pause_reading: {transport.is_reading()}")
    await loop.sock_sendall(peer, b"y" * SIZE)
    for _ in range(20):
        await asyncio.sleep(0.005)
    print(f"bytes delivered while paused: {proto.received}")
    transport.pause_reading()
    print(f"pause_reading again is harmless, is_reading: {transport.is_reading()}")
    transport.resume_reading()
    transport.resume_reading()
    print(f"is_reading after resume_reading (twice): {transport.is_reading()}")
    await complete
    print(f"bytes delivered after resume: {proto.received}")
    peer.close()
    print(f"connection_lost argument: {await lost}")


asyncio.run(main())
