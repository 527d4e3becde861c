import asyncio
import ssl


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()

    class Silent(asyncio.Protocol):
        def connection_made(self, transport):
            print("server: connection_made (plain TCP, never answers)")

        def connection_lost(self, exc):
            lost.set_result(exc)

    server = await loop.create_server(Silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    try:
        await loop.create_connection(asyncio.Protocol, "localhost", port, ssl=ctx,
                                     ssl_handshake_timeout=0.5)
    except ConnectionAbortedError as e:
        print(f"client: {type(e).__name__}: {e}")
    print(f"server: connection_lost({await lost})")
    server.close()
    await server.wait_closed()


asyncio.run(main())
