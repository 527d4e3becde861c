import asyncio

SIZE = 1024 * 1024


async def main():
    loop = asyncio.get_running_loop()
    received = loop.create_future()
    lost = loop.create_future()

    class Sink(asyncio.Protocol):
        def __init__(self):
            self.data = bytearray()

        def data_received(self, data):
            self.data += data

        def eof_received(self):
            received.set_result(bytes(self.data))

    class Client(asyncio.Protocol):
        calls = []

        def connection_lost(self, exc):
            self.calls.append(exc)
            if not lost.done():
                lost.set_result(None)

    server = await loop.create_server(Sink, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    transport, proto = await loop.create_connection(Client, '127.0.0.1', port)
    payload = bytes(i % 251 for i in range(SIZE))
    print(f"is_closing before close: {transport.is_closing()}")
    transport.write(payload)
    transport.close()
    print(f"is_closing right after close: {transport.is_closing()}")
    data = await received
    await lost
    await asyncio.sleep(0.01)
    print(f"server received {len(data)} bytes, intact: {data == payload}")
    print(f"client connection_lost calls: {len(proto.calls)}, argument: {proto.calls[0]}")
    print(f"is_closing after connection_lost: {transport.is_closing()}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
