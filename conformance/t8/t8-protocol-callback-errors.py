import asyncio


class Sender(asyncio.Protocol):
    def connection_made(self, transport):
        transport.write(b"data")
        transport.write_eof()


async def main():
    loop = asyncio.get_running_loop()

    def handler(loop, context):
        print(f"handler: {context['message']} {type(context['exception']).__name__}({context['exception']})")

    loop.set_exception_handler(handler)
    server = await loop.create_server(Sender, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    class EofRaises(asyncio.Protocol):
        def __init__(self): self.lost = loop.create_future()
        def data_received(self, data): print(f"data_received({data!r})")
        def eof_received(self): raise ValueError("eof refused")
        def connection_lost(self, exc):
            print(f"connection_lost({type(exc).__name__}({exc}))")
            self.lost.set_result(None)

    class EmptyBuffer(asyncio.BufferedProtocol):
        def __init__(self): self.lost = loop.create_future()
        def get_buffer(self, sizehint): return bytearray()
        def buffer_updated(self, n): print("buffer_updated (not expected)")
        def connection_lost(self, exc):
            print(f"connection_lost({type(exc).__name__}({exc}))")
            self.lost.set_result(None)

    class UpdateRaises(asyncio.BufferedProtocol):
        def __init__(self): self.lost = loop.create_future(); self.buf = bytearray(16)
        def get_buffer(self, sizehint): return self.buf
        def buffer_updated(self, n): raise ValueError("update refused")
        def connection_lost(self, exc):
            print(f"connection_lost({type(exc).__name__}({exc}))")
            self.lost.set_result(None)

    for cls in (EofRaises, EmptyBuffer, UpdateRaises):
        print(f"{cls.__name__}:")
        transport, protocol = await loop.create_connection(cls, "127.0.0.1", port)
        await protocol.lost
        print(f"closing: {transport.is_closing()}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
