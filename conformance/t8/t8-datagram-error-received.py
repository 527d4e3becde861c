import asyncio
import socket


class Client(asyncio.DatagramProtocol):
    def __init__(self):
        self.error = asyncio.get_running_loop().create_future()
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        print("connection_made")

    def error_received(self, exc):
        print(f"error_received: {type(exc).__name__}: {exc}")
        if not self.error.done():
            self.error.set_result(None)

    def connection_lost(self, exc):
        print(f"connection_lost({exc})")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    transport, client = await loop.create_datagram_endpoint(Client, remote_addr=("127.0.0.1", port))
    try:
        transport.sendto(b"elsewhere", ("127.0.0.1", 9))
    except ValueError as e:
        print(f"sendto another address: ValueError: {e}")
    transport.sendto(b"anyone there?")
    await client.error
    print(f"still open after the error: {not transport.is_closing()}")
    transport.close()
    await client.lost


asyncio.run(main())
