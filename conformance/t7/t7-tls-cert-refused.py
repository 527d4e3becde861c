import asyncio
import ssl


def server_context(name):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(f"../certs/{name}.pem", f"../certs/{name}.key")
    return ctx


async def attempt(label, server_ctx, client_ctx):
    loop = asyncio.get_running_loop()
    made = []

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            made.append(transport)

    server = await loop.create_server(Server, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    try:
        await loop.create_connection(asyncio.Protocol, "localhost", port, ssl=client_ctx)
    except ssl.SSLCertVerificationError as e:
        print(f"{label}: {type(e).__name__}: {str(e).split(' (_ssl.c')[0]}")
        print(f"{label}: is an OSError: {isinstance(e, OSError)}")
    await asyncio.sleep(0.1)
    print(f"{label}: server connection_made calls: {len(made)}")
    server.close()
    await server.wait_closed()


async def main():
    await attempt("unknown CA", server_context("server"),
                  ssl.create_default_context(cafile="../certs/other-ca.pem"))
    await attempt("wrong host", server_context("wronghost"),
                  ssl.create_default_context(cafile="../certs/ca.pem"))


asyncio.run(main())
