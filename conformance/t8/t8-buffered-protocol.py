import asyncio

SIZE = 300000


class Buffered(asyncio.BufferedProtocol):
    def __init__(self, done):
        self.done = done
        self.buf = bytearray(4096)
        self.received = bytearray()
        self.events = []
        self.bad_nbytes = False

    def connection_made(self, transport):
        self.events.append("connection_made")

    def get_buffer(self, sizehint):
        if not self.events or self.events[-1] != "get_buffer/buffer_updated+":
            self.events.append("get_buffer/buffer_updated+")
        return self.buf

    def buffer_updated(self, nbytes):
        if not 0 < nbytes <= len(self.buf):
            self.bad_nbytes = True
        self.received += self.buf[:nbytes]

    def eof_received(self):
        self.events.append("eof_received")

    def connection_lost(self, exc):
        self.events.append("connection_lost")
        self.done.set_result(exc)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    protos = []

    def factory():
        protos.append(Buffered(done))
        return protos[-1]

    server = await loop.create_server(factory, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    payload = bytes((i * 7) % 256 for i in range(SIZE))
    transport, _ = await loop.create_connection(asyncio.Protocol, '127.0.0.1', port)
    transport.write(payload)
    transport.write_eof()
    exc = await done
    p = protos[0]
    print(f"server received {len(p.received)} bytes, intact: {bytes(p.received) == payload}")
    print(f"every nbytes within the buffer: {not p.bad_nbytes}")
    print("callbacks: " + " ".join(p.events))
    print(f"connection_lost({exc})")
    transport.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
