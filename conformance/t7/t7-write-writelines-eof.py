import asyncio


class Sink(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.data = b""

    def data_received(self, data):
        self.data += data

    def eof_received(self):
        print(f"server received {len(self.data)} bytes: {self.data.decode()}")
        print("server saw EOF")

    def connection_lost(self, exc):
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    server = await loop.create_server(lambda: Sink(done), '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(asyncio.Protocol, '127.0.0.1', port)
    print(f"can_write_eof: {transport.can_write_eof()}")
    transport.write(b"alpha ")
    transport.writelines([b"beta ", bytearray(b"gamma "), memoryview(b"delta")])
    transport.write(b"")
    transport.write_eof()
    await done
    transport.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
