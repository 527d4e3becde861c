import asyncio


async def main():
    loop = asyncio.get_running_loop()
    s_lost = loop.create_future()
    c_lost = loop.create_future()
    s_log = []
    c_log = []
    c_eof = loop.create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport

        def eof_received(self):
            s_log.append(f"server eof_received; is_closing: {self.transport.is_closing()}")
            return False

        def connection_lost(self, exc):
            s_log.append(f"server connection_lost({exc})")
            s_lost.set_result(None)

    class Client(asyncio.Protocol):
        def eof_received(self):
            c_log.append("client eof_received")
            c_eof.set_result(None)
            return True  # we close ourselves below

        def connection_lost(self, exc):
            c_lost.set_result(exc)

    server = await loop.create_server(Server, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(Client, '127.0.0.1', port)
    transport.write_eof()
    await s_lost
    await c_eof
    # The server's transport closed itself: the client sees EOF, and closes
    # its own (already half-closed) transport. Each side's log is printed
    # separately: which side acts first is not what is pinned.
    for line in s_log + c_log:
        print(line)
    transport.close()
    print(f"client connection_lost({await c_lost})")
    server.close()
    await server.wait_closed()


asyncio.run(main())
