import asyncio
import os


class Summary(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.data = b""

    def connection_made(self, transport):
        self.transport = transport
        print("connection_made")

    def data_received(self, data):
        self.data += data

    def eof_received(self):
        print(f"eof_received after {len(self.data)} bytes")
        # A true value keeps the transport open: our write end still works.
        self.transport.write(f"got {len(self.data)} bytes: {self.data.decode()}\n".encode())
        self.transport.close()
        print(f"is_closing after close: {self.transport.is_closing()}")
        return True

    def connection_lost(self, exc):
        print(f"connection_lost({exc})")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    server = await loop.create_server(lambda: Summary(done), '127.0.0.1',
                                      int(os.environ["TOWER_PORT"]))
    print("Serving on 127.0.0.1")
    await done
    server.close()
    await server.wait_closed()
    print("server closed")


asyncio.run(main())
