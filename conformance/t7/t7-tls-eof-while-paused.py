import asyncio
import socket
import ssl


async def main():
    loop = asyncio.get_running_loop()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    made = loop.create_future()
    lost = loop.create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            transport.pause_reading()
            print("server: connection_made, reading paused")
            made.set_result(transport)

        def data_received(self, data):
            print(f"server: received {data.decode().strip()}")

        def eof_received(self):
            print("server: eof_received")

        def connection_lost(self, exc):
            print(f"server: connection_lost({exc})")
            lost.set_result(None)

    server = await loop.create_server(Server, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    client, _ = await loop.create_connection(asyncio.Protocol, "localhost", port, ssl=client_ctx)
    transport = await made
    client.write(b"last words\n")
    client.get_extra_info("socket").shutdown(socket.SHUT_WR)
    print("client: socket shut for writing (no close_notify)")
    # Loopback delivers the record and the end-of-file before shutdown()
    # returns; the pause lets the server's loop read both while paused.
    await asyncio.sleep(0.1)
    print(f"server: is_reading() = {transport.is_reading()}; resume_reading()")
    transport.resume_reading()
    await lost
    client.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
