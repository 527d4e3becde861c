import asyncio
import errno
import socket


async def main():
    loop = asyncio.get_running_loop()

    class Inbox(asyncio.DatagramProtocol):
        def __init__(self):
            self.got = loop.create_future()

        def datagram_received(self, data, addr):
            if not self.got.done():
                self.got.set_result((data, addr))

    def option(transport, name):
        return transport.get_extra_info("socket").getsockopt(socket.SOL_SOCKET, name) != 0

    a, _ = await loop.create_datagram_endpoint(Inbox, local_addr=("127.0.0.1", 0), reuse_port=True)
    addr = a.get_extra_info("sockname")
    b, _ = await loop.create_datagram_endpoint(Inbox, local_addr=addr, reuse_port=True)
    print(f"reuse_port: two endpoints bound to one address: {b.get_extra_info('sockname') == addr}, "
          f"SO_REUSEPORT set: {option(a, socket.SO_REUSEPORT) and option(b, socket.SO_REUSEPORT)}")
    try:
        await loop.create_datagram_endpoint(Inbox, local_addr=addr)
    except OSError as e:
        print(f"without reuse_port the address is in use: {e.errno == errno.EADDRINUSE}")

    c, inbox = await loop.create_datagram_endpoint(Inbox, local_addr=("127.0.0.1", 0),
                                                   allow_broadcast=True)
    print(f"allow_broadcast: SO_BROADCAST set: {option(c, socket.SO_BROADCAST)}")

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    d, _ = await loop.create_datagram_endpoint(Inbox, sock=sock)
    print(f"sock: the endpoint uses it: {d.get_extra_info('sockname') == sock.getsockname()}")
    d.sendto(b"from the socket passed in", c.get_extra_info("sockname"))
    data, sender = await inbox.got
    print(f"received {data!r} from it: {sender == sock.getsockname()}")
    for t in (a, b, c, d):
        t.close()
    await asyncio.sleep(0)
    print(f"closing the endpoint closed the socket: {sock.fileno() == -1}")

    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        await loop.create_datagram_endpoint(Inbox, sock=other, local_addr=("127.0.0.1", 0))
    except ValueError:
        print("sock with local_addr: ValueError")
    stream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        await loop.create_datagram_endpoint(Inbox, sock=stream)
    except ValueError:
        print("a stream socket: ValueError")
    other.close()
    stream.close()


asyncio.run(main())
