import asyncio


class Echo(asyncio.DatagramProtocol):
    def __init__(self):
        self.events = []

    def connection_made(self, transport):
        self.events.append("connection_made")
        self.transport = transport

    def datagram_received(self, data, addr):
        self.events.append(f"datagram_received {data.decode()}")
        self.transport.sendto(data[::-1], addr)

    def connection_lost(self, exc):
        self.events.append(f"connection_lost({exc})")


class Client(asyncio.DatagramProtocol):
    def __init__(self, inbox):
        self.inbox = inbox
        self.events = []

    def connection_made(self, transport):
        self.events.append("connection_made")

    def datagram_received(self, data, addr):
        self.events.append(f"datagram_received {data.decode()}")
        self.inbox.put_nowait(data)

    def connection_lost(self, exc):
        self.events.append(f"connection_lost({exc})")


async def main():
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()
    s_tr, s_proto = await loop.create_datagram_endpoint(Echo, local_addr=('127.0.0.1', 0))
    addr = s_tr.get_extra_info('sockname')
    c_tr, c_proto = await loop.create_datagram_endpoint(lambda: Client(inbox), remote_addr=addr)
    for word in ("alpha", "beta", "gamma"):
        c_tr.sendto(word.encode())
        reply = await inbox.get()
        print(f"sent {word}, got back {reply.decode()}")
    c_tr.close()
    s_tr.close()
    await asyncio.sleep(0.01)
    print("server: " + "; ".join(s_proto.events))
    print("client: " + "; ".join(c_proto.events))


asyncio.run(main())
