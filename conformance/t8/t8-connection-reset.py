import asyncio
import socket
import struct


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()
    got_all = loop.create_future()
    MESSAGE = b"partial message"

    class P(asyncio.Protocol):
        data = b""

        def data_received(self, d):
            self.data += d
            if self.data == MESSAGE:
                got_all.set_result(None)

        def eof_received(self):
            print("eof_received (not expected after a reset)")

        def connection_lost(self, exc):
            lost.set_result(exc)

    server = await loop.create_server(P, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    peer = socket.socket()
    peer.setblocking(False)
    await loop.sock_connect(peer, ('127.0.0.1', port))
    await loop.sock_sendall(peer, MESSAGE)
    # Only reset once the server has accepted the connection and read the
    # message: a reset still in the accept queue might never reach a protocol.
    await got_all
    # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
    peer.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    peer.close()
    exc = await lost
    print(f"connection_lost argument: {type(exc).__name__}")
    print(f"is an OSError: {isinstance(exc, OSError)}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
