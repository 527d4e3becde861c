import asyncio
import os


class EchoProtocol(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = b""

    def connection_made(self, transport):
        self.transport = transport
        host = transport.get_extra_info('peername')[0]
        print(f"👋 Connection from {host}")

    def data_received(self, data):
        # TCP may split or merge segments: echo every chunk at once, but
        # report the reassembled message only when the client is done.
        self.received += data
        self.transport.write(data)

    def eof_received(self):
        message = self.received.decode()
        print(f"📥 Received: {message}")
        print(f"📤 Sent: {message}")
        return None  # a false value: the transport closes itself

    def connection_lost(self, exc):
        print("🔌 Connection closed")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    port = int(os.environ["TOWER_PORT"])
    done = loop.create_future()
    served = []

    def factory():
        served.append(1)
        return EchoProtocol(done)

    server = await loop.create_server(factory, '127.0.0.1', port)
    host = server.sockets[0].getsockname()[0]
    print(f"🛑 Serving on {host}")
    await done
    server.close()
    await server.wait_closed()
    print(f"🛑 Server closed after {len(served)} connection")


asyncio.run(main())
