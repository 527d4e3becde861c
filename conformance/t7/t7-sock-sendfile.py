import asyncio
import os
import socket
import tempfile

CONTENT = b"".join(b"line %03d of the file\n" % i for i in range(100))


async def receive(loop, sock, n):
    got = b""
    while len(got) < n:
        got += await loop.sock_recv(sock, n - len(got))
    return got


def lines(data):
    return " / ".join(data.decode().splitlines())


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    with tempfile.TemporaryFile() as f:
        f.write(CONTENT)
        f.seek(0)
        print(f"the file: {len(CONTENT)} bytes")
        sent = await loop.sock_sendfile(a, f)
        got = await receive(loop, b, sent)
        print(f"whole file: sent {sent}, received the file: {got == CONTENT}, "
              f"position after: {f.tell()}")

        sent = await loop.sock_sendfile(a, f, offset=21, count=42)
        print(f"offset=21 count=42: sent {sent}, {lines(await receive(loop, b, sent))}, "
              f"position after: {f.tell()}")

        sent = await loop.sock_sendfile(a, f, offset=2100 - 21)
        print(f"the last line from offset 2079: sent {sent}, "
              f"{lines(await receive(loop, b, sent))}, position after: {f.tell()}")

        f.seek(7)
        sent = await loop.sock_sendfile(a, f, offset=5000)
        print(f"offset past the end: sent {sent}, position unchanged: {f.tell()}")

        for kwargs in ({"offset": -1}, {"count": -1}):
            try:
                await loop.sock_sendfile(a, f, **kwargs)
            except ValueError as exc:
                print(f"{kwargs}: ValueError: {exc}")

    with tempfile.TemporaryFile() as empty:
        print(f"an empty file: sent {await loop.sock_sendfile(a, empty)}")

    # A pipe is no file sendfile(2) can read: without the fallback that is
    # SendfileNotAvailableError; with it, reads and sends.
    r, w = os.pipe()
    os.write(w, b"through a pipe")
    with open(r, "rb", buffering=0) as pipe:
        try:
            await loop.sock_sendfile(a, pipe, count=7, fallback=False)
        except asyncio.SendfileNotAvailableError as exc:
            print(f"a pipe, fallback=False: SendfileNotAvailableError: {exc}")
        # The fallback reads and sends, then sets the file's position, which
        # a pipe does not have.
        try:
            await loop.sock_sendfile(a, pipe, count=7)
        except OSError as exc:
            print(f"a pipe, fallback=True: OSError: {exc}")
        print(f"  the peer received {await receive(loop, b, 7)!r}")
    os.close(w)

    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.setblocking(False)
    with tempfile.TemporaryFile() as f:
        f.write(CONTENT)
        try:
            await loop.sock_sendfile(u, f)
        except ValueError as exc:
            print(f"a datagram socket: ValueError: {exc}")
    u.close()

    # A sendfile that waits for room in the socket is cancelled: the bytes
    # that went are a prefix of the file, and the socket still works.
    big = CONTENT * 4000
    with tempfile.TemporaryFile() as f:
        f.write(big)
        f.seek(0)
        sending = asyncio.create_task(loop.sock_sendfile(a, f))
        await asyncio.sleep(0.1)
        sending.cancel()
        try:
            await sending
        except asyncio.CancelledError:
            print(f"a blocked sendfile is cancelled: done {sending.done()}")
        a.shutdown(socket.SHUT_WR)
        got = b""
        while chunk := await loop.sock_recv(b, 65536):
            got += chunk
        print(f"the peer received a prefix of the file, not all of it: "
              f"{big.startswith(got) and 0 < len(got) < len(big)}")
    a.close()
    b.close()


asyncio.run(main())
