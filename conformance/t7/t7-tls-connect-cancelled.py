import asyncio
import ssl


async def main():
    loop = asyncio.get_running_loop()
    hello = loop.create_future()
    lost = loop.create_future()

    class Silent(asyncio.Protocol):
        """Reads the client's first handshake message and never answers it."""

        def data_received(self, data):
            if not hello.done():
                print("server: the client's handshake begins")
                hello.set_result(None)

        def eof_received(self):
            print("server: eof_received")

        def connection_lost(self, exc):
            print("server: connection_lost", exc)
            lost.set_result(None)

    server = await loop.create_server(Silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    task = asyncio.create_task(loop.create_connection(
        asyncio.Protocol, "127.0.0.1", port, ssl=client_ctx, server_hostname="localhost"))
    await hello
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("create_connection cancelled during the handshake")
    await lost
    server.close()
    await server.wait_closed()


asyncio.run(main())
