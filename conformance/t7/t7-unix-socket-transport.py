import asyncio
import os
import shutil
import socket
import tempfile


async def main():
    loop = asyncio.get_running_loop()
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "tower.sock")
    got = loop.create_future()
    lost = loop.create_future()
    facts = []

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport
            self.data = b""
            # Noted now, printed later: the server's connection_made and the
            # client's create_unix_connection returning may come in either order.
            facts.append(f"server sockname is the path: {transport.get_extra_info('sockname') == path}")
            sock = transport.get_extra_info('socket')
            facts.append(f"server socket family is AF_UNIX: {sock.family == socket.AF_UNIX}")

        def data_received(self, data):
            self.data += data
            if self.data.endswith(b"\n"):
                self.transport.write(b"pong\n")

        def connection_lost(self, exc):
            lost.set_result(exc)

    class Client(asyncio.Protocol):
        data = b""

        def data_received(self, data):
            self.data += data
            if self.data.endswith(b"\n"):
                got.set_result(self.data)

    server = await loop.create_unix_server(Server, path)
    print(f"listening socket family is AF_UNIX: {server.sockets[0].family == socket.AF_UNIX}")
    transport, _ = await loop.create_unix_connection(Client, path)
    print(f"client peername is the path: {transport.get_extra_info('peername') == path}")
    transport.write(b"ping\n")
    print(f"client received: {(await got).decode().strip()}")
    for line in facts:
        print(line)
    transport.close()
    print(f"server connection_lost argument: {await lost}")
    server.close()
    await server.wait_closed()
    shutil.rmtree(tmp)


asyncio.run(main())
