import asyncio
import socket


class Named(asyncio.Protocol):
    def __init__(self, name):
        self.name = name
        loop = asyncio.get_running_loop()
        self.got = loop.create_future()
        self.lost = loop.create_future()

    def connection_made(self, transport):
        print(f"{self.name}: connection_made")

    def data_received(self, data):
        print(f"{self.name}: data_received {data!r}")
        self.got.set_result(None)

    def eof_received(self):
        print(f"{self.name}: eof_received")

    def connection_lost(self, exc):
        print(f"{self.name}: connection_lost {exc}")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    conn, _ = listener.accept()  # accepted without the loop, as another server would
    listener.close()
    transport, first = await loop.connect_accepted_socket(lambda: Named("first"), conn)
    print(f"get_protocol() is the first protocol: {transport.get_protocol() is first}")
    client.sendall(b"one")
    await first.got

    second = Named("second")
    transport.set_protocol(second)
    print(f"after set_protocol, get_protocol() is the second: {transport.get_protocol() is second}")
    client.sendall(b"two")
    await second.got
    client.shutdown(socket.SHUT_WR)
    await second.lost
    print(f"the first protocol saw no more: {not first.lost.done()}")
    client.close()

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        await loop.connect_accepted_socket(lambda: Named("udp"), udp)
    except ValueError:
        print("a datagram socket: ValueError")
    udp.close()


asyncio.run(main())
