import asyncio
import os
import socket


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    class Echo(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport
            self.data = b""
            sock = transport.get_extra_info('socket')
            print(f"socket family is AF_INET6: {sock.family == socket.AF_INET6}")
            print(f"sockname host: {transport.get_extra_info('sockname')[0]}")
            print(f"peername host: {transport.get_extra_info('peername')[0]}")

        def data_received(self, data):
            self.data += data
            self.transport.write(data)

        def eof_received(self):
            print(f"echoed {len(self.data)} bytes: {self.data.decode()}")

        def connection_lost(self, exc):
            print(f"connection_lost({exc})")
            done.set_result(None)

    server = await loop.create_server(Echo, '::1', int(os.environ["TOWER_PORT"]))
    print(f"Serving on {server.sockets[0].getsockname()[0]}")
    await done
    server.close()
    await server.wait_closed()


asyncio.run(main())
