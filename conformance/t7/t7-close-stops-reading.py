import asyncio

SIZE = 32 * 1024 * 1024


async def main():
    loop = asyncio.get_running_loop()
    made = loop.create_future()
    server_lost = loop.create_future()
    client_lost = loop.create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            made.set_result(transport)

        def data_received(self, data):
            print(f"server: data_received {len(data)} bytes")

        def eof_received(self):
            print("server: eof_received")

        def connection_lost(self, exc):
            print(f"server: connection_lost({exc})")
            server_lost.set_result(None)

    class Client(asyncio.Protocol):
        def __init__(self):
            self.received = 0
            self.eof = False

        def connection_made(self, transport):
            transport.pause_reading()

        def data_received(self, data):
            self.received += len(data)

        def eof_received(self):
            self.eof = True

        def connection_lost(self, exc):
            client_lost.set_result(exc)

    server = await loop.create_server(Server, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client, proto = await loop.create_connection(Client, "127.0.0.1", port)
    transport = await made
    transport.write(b"x" * SIZE)
    print(f"server: buffered after write: {transport.get_write_buffer_size() > 0}")
    transport.close()
    print("server: closed")
    client.write_eof()
    print("client: write_eof")
    client.resume_reading()
    await server_lost
    exc = await client_lost
    print(f"client: received {proto.received} bytes, eof_received {proto.eof}, "
          f"connection_lost({exc})")
    server.close()
    await server.wait_closed()


asyncio.run(main())
