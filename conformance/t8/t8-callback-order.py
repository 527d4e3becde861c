import asyncio


def collapse(events):
    # data_received may be called any number of times (TCP splits and merges
    # segments freely): a run of calls is shown once, with a "+".
    out = []
    for e in events:
        if e == "data_received" and out and out[-1] == "data_received+":
            continue
        out.append("data_received+" if e == "data_received" else e)
    return " ".join(out)


class Recorder(asyncio.Protocol):
    def __init__(self, done):
        self.events = []
        self.data = b""
        self.done = done

    def connection_made(self, transport):
        self.events.append("connection_made")
        self.transport = transport

    def data_received(self, data):
        self.events.append("data_received")
        self.data += data

    def eof_received(self):
        self.events.append("eof_received")

    def connection_lost(self, exc):
        self.events.append("connection_lost")
        self.done.set_result(exc)


class Server(Recorder):
    def data_received(self, data):
        super().data_received(data)
        if self.data.endswith(b"."):
            self.transport.write(self.data.upper())
            self.transport.close()


async def main():
    loop = asyncio.get_running_loop()
    s_done = loop.create_future()
    c_done = loop.create_future()
    servers = []

    def factory():
        servers.append(Server(s_done))
        return servers[-1]

    server = await loop.create_server(factory, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    transport, client = await loop.create_connection(
        lambda: Recorder(c_done), '127.0.0.1', port)
    print(f"create_connection returned after connection_made: {client.events == ['connection_made']}")
    print(f"the transport given to connection_made is the one returned: {client.transport is transport}")
    for piece in (b"one ", b"two ", b"three."):
        transport.write(piece)
    c_exc = await c_done
    s_exc = await s_done
    await asyncio.sleep(0.01)
    print(f"client: {collapse(client.events)}; received {client.data.decode()}; connection_lost({c_exc})")
    print(f"server: {collapse(servers[0].events)}; connection_lost({s_exc})")
    print(f"protocols created by the server: {len(servers)}")
    transport.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
