import asyncio
import socket


def report(loop, context):
    print(f"exception handler: {context['message']}")


async def stream(loop):
    # A Protocol that overrides only connection_lost: data_received drops
    # the data, eof_received returns None, so the transport closes itself,
    # and pause_writing/resume_writing do nothing.
    class OnlyLost(asyncio.Protocol):
        def __init__(self):
            self.lost = loop.create_future()

        def connection_lost(self, exc):
            self.lost.set_result(exc)

    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(OnlyLost, sock=ours)
    transport.set_write_buffer_limits(high=4096)
    for _ in range(64):
        transport.write(b"w" * 65536)
    print(f"stream: 4 MiB written past the high mark: buffered {transport.get_write_buffer_size() > 4096}, "
          f"closing {transport.is_closing()}")
    received = 0
    while received < 64 * 65536:
        received += len(await loop.sock_recv(peer, 1 << 20))
    print(f"stream: the peer read all of it: {received}, buffered now {transport.get_write_buffer_size()}")
    await loop.sock_sendall(peer, b"dropped by the default data_received")
    peer.shutdown(socket.SHUT_WR)
    print(f"stream: the peer's end of file closes the transport: connection_lost({await proto.lost}), "
          f"closing {transport.is_closing()}")
    print(f"stream: the peer reads end of file: {await loop.sock_recv(peer, 100)!r}")
    peer.close()


async def datagram(loop):
    # A DatagramProtocol that overrides only datagram_received: a refused
    # datagram goes to the default error_received, which ignores it.
    inbox = asyncio.Queue()

    class OnlyReceived(asyncio.DatagramProtocol):
        def datagram_received(self, data, addr):
            inbox.put_nowait(data)

    spare = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    spare.bind(("127.0.0.1", 0))
    address = spare.getsockname()
    spare.close()
    transport, _ = await loop.create_datagram_endpoint(OnlyReceived, remote_addr=address)
    transport.sendto(b"nobody listens")
    # Something listens at the address now, and answers.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as answerer:
        answerer.bind(address)
        answerer.sendto(b"an answer", transport.get_extra_info("sockname"))
        print(f"datagram: after the refused datagram: {await inbox.get()!r}, "
              f"closing {transport.is_closing()}")
    transport.close()
    await asyncio.sleep(0)


async def subprocess(loop):
    # A SubprocessProtocol that overrides only connection_lost: the pipes'
    # data, their loss and the exit go to methods that do nothing.
    class OnlyLost(asyncio.SubprocessProtocol):
        def __init__(self):
            self.lost = loop.create_future()

        def connection_lost(self, exc):
            self.lost.set_result(exc)

    transport, proto = await loop.subprocess_exec(
        OnlyLost, "/bin/sh", "-c", "echo out; echo err >&2; exit 3")
    print(f"subprocess: connection_lost({await proto.lost}), returncode {transport.get_returncode()}")
    transport.close()


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    await stream(loop)
    await datagram(loop)
    await subprocess(loop)
    print("the exception handler was never called")


asyncio.run(main())
