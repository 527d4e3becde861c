import asyncio
import socket


async def main():
    async def greet(reader, writer):
        writer.write(b"served on the socket passed in\n")
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    addr = sock.getsockname()
    server = await asyncio.start_server(greet, sock=sock, backlog=5)
    print(f"one listening socket, the one bound before: "
          f"{len(server.sockets) == 1 and server.sockets[0].getsockname() == addr}")
    print(f"listening: {sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1}")
    reader, writer = await asyncio.open_connection(*addr)
    print((await reader.readline()).decode().rstrip("\n"))
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print(f"closing the server closed the socket: {sock.fileno() == -1}")

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        await asyncio.start_server(greet, sock=udp)
    except ValueError:
        print("a datagram socket: ValueError")
    other = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        await asyncio.start_server(greet, "127.0.0.1", sock=other)
    except ValueError as e:
        print(f"a host and a socket: ValueError: {e}")
    print(f"the refused sockets are still open: {udp.fileno() != -1 and other.fileno() != -1}")
    udp.close()
    other.close()


asyncio.run(main())
