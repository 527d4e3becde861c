import asyncio
import os
import shutil
import ssl
import tempfile


async def main():
    loop = asyncio.get_running_loop()
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "tls.sock")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    got = loop.create_future()

    class Echo(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport

        def data_received(self, data):
            self.transport.write(data)

    class Client(asyncio.Protocol):
        def data_received(self, data):
            got.set_result(data)

    server = await loop.create_unix_server(Echo, path, ssl=server_ctx)
    try:
        await loop.create_unix_connection(Client, path, ssl=client_ctx)
    except ValueError as e:
        print(f"without server_hostname: ValueError: {e}")
    transport, _ = await loop.create_unix_connection(Client, path, ssl=client_ctx,
                                                     server_hostname="localhost")
    print(f"peername is the path: {transport.get_extra_info('peername') == path}")
    print(f"peer certificate for: {dict(x[0] for x in transport.get_extra_info('peercert')['subject'])['commonName']}")
    transport.write(b"over a Unix socket\n")
    print(f"echoed: {(await got).decode().strip()}")
    transport.close()
    server.close()
    await server.wait_closed()
    shutil.rmtree(tmp)


asyncio.run(main())
