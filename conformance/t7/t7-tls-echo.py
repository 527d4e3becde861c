import asyncio
import ssl


async def main():
    loop = asyncio.get_running_loop()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    got = loop.create_future()
    server_lost = loop.create_future()
    client_lost = loop.create_future()

    class Echo(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport
            print("server: connection_made")

        def data_received(self, data):
            print(f"server: received {data.decode().strip()}")
            self.transport.write(data)

        def eof_received(self):
            print("server: eof_received")

        def connection_lost(self, exc):
            print(f"server: connection_lost({exc})")
            server_lost.set_result(None)

    class Client(asyncio.Protocol):
        def connection_made(self, transport):
            print("client: connection_made")

        def data_received(self, data):
            got.set_result(data)

        def connection_lost(self, exc):
            print(f"client: connection_lost({exc})")
            client_lost.set_result(None)

    server = await loop.create_server(Echo, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(Client, "localhost", port, ssl=client_ctx)
    print("client: create_connection returned")
    print(f"client: can_write_eof {transport.can_write_eof()}")
    transport.write(b"hello over TLS\n")
    print(f"client: received {(await got).decode().strip()}")
    transport.close()
    print(f"client: is_closing {transport.is_closing()}")
    await client_lost
    await server_lost
    server.close()
    await server.wait_closed()


asyncio.run(main())
