import asyncio
import ssl

REPLY = b"0123456789abcdefghijklmnopqrstuvwxyz!?\n"


async def main():
    loop = asyncio.get_running_loop()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    got = loop.create_future()
    client_lost = loop.create_future()
    server_lost = loop.create_future()
    server_saw = []   # printed at the end: the two ends' callbacks may interleave

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport

        def data_received(self, data):
            self.transport.write(REPLY)

        def eof_received(self):
            server_saw.append("eof_received")

        def connection_lost(self, exc):
            server_lost.set_result(exc)

    class Client(asyncio.BufferedProtocol):
        def __init__(self):
            self.buffer = bytearray(16)
            self.sizes = []
            self.data = b""

        def get_buffer(self, sizehint):
            return self.buffer

        def buffer_updated(self, nbytes):
            self.sizes.append(nbytes)
            self.data += self.buffer[:nbytes]
            if len(self.data) == len(REPLY):
                got.set_result(None)

        def connection_lost(self, exc):
            client_lost.set_result(exc)

    server = await loop.create_server(Server, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    transport, client = await loop.create_connection(Client, "localhost", port, ssl=client_ctx)
    transport.pause_reading()
    print(f"client: is_reading after pause_reading: {transport.is_reading()}")
    transport.write(b"send\n")
    await asyncio.sleep(0.1)
    print(f"client: buffer_updated calls while paused: {len(client.sizes)}")
    transport.resume_reading()
    await got
    print(f"client: buffer_updated sizes {client.sizes}: {client.data.decode().strip()}")
    transport.set_write_buffer_limits(high=100)
    print(f"client: write buffer limits {transport.get_write_buffer_limits()}")
    transport.abort()
    transport.write(b"dropped")
    print(f"client: is_closing after abort: {transport.is_closing()}")
    print(f"client: connection_lost({await client_lost})")
    server_saw.append(f"connection_lost({await server_lost})")
    print(f"server: {', '.join(server_saw)}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
