import asyncio
import os
import socket
import tempfile

CONTENT = b"".join(b"line %03d of the file\n" % i for i in range(100))


class Receiver(asyncio.Protocol):
    def data_received(self, data):
        print(f"  the protocol received {data!r}")


async def main():
    loop = asyncio.get_running_loop()
    # The peer's end b stays blocking: when loop.sendfile returns, what it
    # sent is in the kernel, and recv with MSG_WAITALL takes it.
    a, b = socket.socketpair()
    transport, _ = await loop.create_unix_connection(Receiver, sock=a)
    with tempfile.TemporaryFile() as f:
        f.write(CONTENT)
        f.seek(0)
        # What the transport holds goes first; then the file, through the
        # kernel; then the transport writes again.
        transport.write(b"a header\n")
        sent = await loop.sendfile(transport, f)
        transport.write(b"a trailer\n")
        got = b.recv(9 + sent + 10, socket.MSG_WAITALL)
        in_order = got == b"a header\n" + CONTENT + b"a trailer\n"
        print(f"whole file: sent {sent}, in order: {in_order}, position after: {f.tell()}")

        sent = await loop.sendfile(transport, f, offset=42, count=21)
        print(f"offset=42 count=21: sent {sent}, {b.recv(sent, socket.MSG_WAITALL).decode().strip()}, "
              f"position after: {f.tell()}")
        print(f"the transport reads again: {transport.is_reading()}")
        b.sendall(b"from the peer")
        await asyncio.sleep(0.01)

    # A pipe is no file for sendfile(2): without the fallback that is
    # SendfileNotAvailableError; with it the loop writes the blocks through
    # the transport, and then fails to set the pipe's position.
    r, w = os.pipe()
    os.write(w, b"through a pipe")
    with open(r, "rb", buffering=0) as pipe:
        try:
            await loop.sendfile(transport, pipe, count=7, fallback=False)
        except asyncio.SendfileNotAvailableError as exc:
            print(f"a pipe, fallback=False: SendfileNotAvailableError: {exc}")
        try:
            await loop.sendfile(transport, pipe, count=7)
        except OSError as exc:
            print(f"a pipe, fallback=True: OSError: {exc}")
        print(f"  the peer received {b.recv(7, socket.MSG_WAITALL)!r}")
    os.close(w)

    with tempfile.TemporaryFile() as f:
        f.write(CONTENT)
        try:
            await loop.sendfile(transport, f, count=-1)
        except ValueError as exc:
            print(f"count=-1: ValueError: {exc}")

        udp, _ = await loop.create_datagram_endpoint(
            asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0))
        try:
            await loop.sendfile(udp, f)
        except RuntimeError as exc:
            print(f"a datagram transport: RuntimeError: {str(exc).split(' <')[0]}")
        udp.close()

        transport.close()
        try:
            await loop.sendfile(transport, f)
        except RuntimeError as exc:
            print(f"a closing transport: RuntimeError: {exc}")
    await asyncio.sleep(0)
    b.close()


asyncio.run(main())
