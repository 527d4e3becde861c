import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()

    class Receiver(asyncio.DatagramProtocol):
        def datagram_received(self, data, addr):
            inbox.put_nowait(data)

    class Sender(asyncio.DatagramProtocol):
        def __init__(self):
            self.lost = loop.create_future()

        def error_received(self, exc):
            print(f"  error_received: {type(exc).__name__}: {exc}")

        def connection_lost(self, exc):
            self.lost.set_result(exc)

    receiver, _ = await loop.create_datagram_endpoint(Receiver, local_addr=("127.0.0.1", 0))
    address = receiver.get_extra_info("sockname")
    sender, proto = await loop.create_datagram_endpoint(Sender, remote_addr=address)

    sender.sendto(b"")
    sender.sendto(b"first")
    print(f"sendto(b''): nothing sent, the first datagram is {await inbox.get()!r}")

    # Larger than any UDP datagram: the kernel refuses it at once, and the
    # transport hands the error to error_received; the endpoint stays open.
    print("sendto 70000 bytes:")
    sender.sendto(b"x" * 70000)
    print(f"  buffered {sender.get_write_buffer_size()}, closing {sender.is_closing()}")
    sender.sendto(b"after the refusal")
    print(f"the next datagram goes: {await inbox.get()!r}")

    sender.close()
    sender.sendto(b"after close")  # a connected endpoint drops it, and says nothing
    print(f"sendto after close: no error, closing {sender.is_closing()}")
    print(f"connection_lost({await proto.lost})")
    sender.sendto(b"after connection_lost")
    print(f"sendto after connection_lost: no error")
    # The receiver sends itself a datagram: had anything come after
    # "after the refusal", it would be first in the queue.
    receiver.sendto(b"to itself", address)
    print(f"the receiver's next datagram is its own: {await inbox.get()!r}")
    receiver.close()
    await asyncio.sleep(0)


asyncio.run(main())
