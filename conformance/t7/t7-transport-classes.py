import asyncio
import os
import socket
import sys


def kinds(tr, names):
    # Only the classes the documentation promises for each kind; CPython 3.11
    # adds others (its write pipes are full Transports) and its UDP transport
    # is not a DatagramTransport (python/cpython#90352, fixed in 3.12).
    return ", ".join(f"{n} {isinstance(tr, getattr(asyncio, n))}" for n in names)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(asyncio.Protocol, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    tcp, _ = await loop.create_connection(asyncio.Protocol, '127.0.0.1', port)
    print(f"TCP connection: {kinds(tcp, ['BaseTransport', 'ReadTransport', 'WriteTransport', 'Transport'])}")
    tcp.close()
    server.close()
    await server.wait_closed()

    a, b = socket.socketpair()
    unix, _ = await loop.create_unix_connection(asyncio.Protocol, sock=a)
    print(f"Unix connection: {kinds(unix, ['Transport'])}")
    unix.close()
    b.close()

    r, w = os.pipe()
    rpipe, _ = await loop.connect_read_pipe(asyncio.Protocol, os.fdopen(r, 'rb', 0))
    wpipe, _ = await loop.connect_write_pipe(asyncio.BaseProtocol, os.fdopen(w, 'wb', 0))
    print(f"read pipe: {kinds(rpipe, ['BaseTransport', 'ReadTransport'])}")
    print(f"write pipe: {kinds(wpipe, ['BaseTransport', 'WriteTransport'])}")
    wpipe.close()
    rpipe.close()

    exited = loop.create_future()

    class P(asyncio.SubprocessProtocol):
        def process_exited(self):
            exited.set_result(None)

    proc, _ = await loop.subprocess_exec(P, '/bin/true', stdin=None, stdout=None, stderr=None)
    print(f"subprocess: {kinds(proc, ['BaseTransport', 'SubprocessTransport'])}")
    await exited
    proc.close()
    await asyncio.sleep(0.01)


asyncio.run(main())
