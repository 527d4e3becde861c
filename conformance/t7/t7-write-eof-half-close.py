import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()
    events = []

    class Client(asyncio.Protocol):
        data = b""

        def data_received(self, data):
            if not self.data:
                events.append("data_received")
            self.data += data

        def eof_received(self):
            events.append("eof_received")

        def connection_lost(self, exc):
            events.append("connection_lost")
            lost.set_result(None)

    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(Client, sock=ours)
    print(f"can_write_eof: {transport.can_write_eof()}")
    transport.write(b"request")
    transport.write_eof()
    request = b""
    while True:
        chunk = await loop.sock_recv(peer, 4096)
        if not chunk:
            break
        request += chunk
    print(f"peer read until EOF: {request.decode()}")
    await loop.sock_sendall(peer, b"response after our EOF")
    peer.close()
    await lost
    print(f"we still received: {proto.data.decode()}")
    print("callbacks: " + " ".join(events))


asyncio.run(main())
