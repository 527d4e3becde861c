import asyncio
import ssl


async def main():
    loop = asyncio.get_running_loop()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    stranger_ctx = ssl.create_default_context(cafile="../certs/other-ca.pem")
    server = await loop.create_server(asyncio.Protocol, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    lost = loop.create_future()

    class Client(asyncio.Protocol):
        def connection_made(self, transport):
            print("connection_made, in clear")

        def connection_lost(self, exc):
            print(f"connection_lost: {type(exc).__name__}")
            lost.set_result(None)

    transport, protocol = await loop.create_connection(Client, "127.0.0.1", port)
    try:
        await loop.start_tls(transport, protocol, stranger_ctx, server_hostname="localhost")
    except ssl.SSLCertVerificationError as e:
        print(f"start_tls: {type(e).__name__}: {str(e).split(' (_ssl.c')[0]}")
    await lost
    print("the clear transport is closing:", transport.is_closing())
    server.close()
    await server.wait_closed()


asyncio.run(main())
