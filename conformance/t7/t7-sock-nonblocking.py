import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    ours, theirs = socket.socketpair()  # blocking, as every new socket is
    for name, call in (("sock_recv", lambda: loop.sock_recv(ours, 1)),
                       ("sock_recv_into", lambda: loop.sock_recv_into(ours, bytearray(1))),
                       ("sock_sendall", lambda: loop.sock_sendall(ours, b"x")),
                       ("sock_accept", lambda: loop.sock_accept(ours))):
        try:
            await call()
        except ValueError as e:
            print(f"{name} on a blocking socket: ValueError: {e}")
    ours.setblocking(False)
    await loop.sock_sendall(ours, b"fine once non-blocking")
    print(theirs.recv(100).decode())
    ours.close()
    theirs.close()


asyncio.run(main(), debug=True)
