import asyncio
import ssl


async def main():
    loop = asyncio.get_running_loop()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    server_side = loop.create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            server_side.set_result(transport)

    def report(who, t, ctx):
        print(f"{who}: sslcontext is its context: {t.get_extra_info('sslcontext') is ctx}")
        obj = t.get_extra_info('ssl_object')
        print(f"{who}: ssl_object version: {obj.version()}")
        cert = t.get_extra_info('peercert')
        subject = dict(x[0] for x in cert['subject']) if cert else None
        print(f"{who}: peercert subject CN: {subject['commonName'] if subject else None}")
        print(f"{who}: cipher: {t.get_extra_info('cipher')[0]}")
        print(f"{who}: compression: {t.get_extra_info('compression')}")
        print(f"{who}: peername host: {t.get_extra_info('peername')[0]}")
        print(f"{who}: can_write_eof: {t.can_write_eof()}")
        try:
            t.write_eof()
        except NotImplementedError as e:
            print(f"{who}: write_eof raised {type(e).__name__}")

    server = await loop.create_server(Server, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    client, _ = await loop.create_connection(asyncio.Protocol, "localhost", port, ssl=client_ctx)
    report("client", client, client_ctx)
    report("server", await server_side, server_ctx)
    client.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
