import asyncio
import os
import ssl


async def main():
    loop = asyncio.get_running_loop()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    lost = loop.create_future()

    class Echo(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport
            print(f"connection_made, TLS: {transport.get_extra_info('ssl_object').version()}")

        def data_received(self, data):
            print(f"received {data.decode().strip()}")
            self.transport.write(data)

        def eof_received(self):
            print("eof_received")

        def connection_lost(self, exc):
            print(f"connection_lost({exc})")
            lost.set_result(None)

    server = await loop.create_server(Echo, "127.0.0.1", int(os.environ["TOWER_PORT"]), ssl=ctx)
    print("Serving on 127.0.0.1")
    await lost
    server.close()
    await server.wait_closed()


asyncio.run(main())
